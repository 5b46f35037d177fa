import type { DataReader } from '../contract/backend.js';
import { LabelStudioClient } from './label-studio-client.js';
import { defaultDataCacheDir, TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
import { TaskDataResolver } from './task-data-resolver.js';

/** The resolver, the Label Studio client and the `readData` a backend gets, from one config. */
export interface DataAccess {
  resolver: TaskDataResolver;
  labelStudio: LabelStudioClient;
  readData: DataReader;
}

/**
 * Task data access as every lsml process sets it up: the settings given (from the config
 * module), over the defaults, with the download cache under `modelDir` unless one is set.
 */
export function createDataAccess(
  modelDir: string,
  settings: Partial<TaskDataOptions> = {},
): DataAccess {
  const resolver = new TaskDataResolver({
    ...TASK_DATA_DEFAULTS,
    ...settings,
    cacheDir: settings.cacheDir ?? defaultDataCacheDir(modelDir),
  });
  return {
    resolver,
    labelStudio: new LabelStudioClient(resolver),
    readData: (value, options) => resolver.readBuffer(value, options),
  };
}
