import type { DataReader } from '../model/backend.js';
import { LabelStudioClient } from './label-studio-client.js';
import { dataCacheDir, taskDataOptionsFromEnv, type TaskDataOptions } from './options.js';
import { TaskDataResolver } from './task-data-resolver.js';

/** The resolver, the Label Studio client and the `readData` a backend gets, from one config. */
export interface DataAccess {
  resolver: TaskDataResolver;
  labelStudio: LabelStudioClient;
  readData: DataReader;
}

/**
 * Task data access as every lsml process sets it up: env settings, the download cache under
 * `modelDir` (or `<LSML_CACHE_DIR>/task-data`), and `overrides` on top.
 */
export function createDataAccess(
  modelDir: string,
  overrides: Partial<TaskDataOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): DataAccess {
  const fromEnv = taskDataOptionsFromEnv(env);
  const resolver = new TaskDataResolver({
    ...fromEnv,
    cacheDir: dataCacheDir(env, modelDir),
    ...overrides,
  });
  return {
    resolver,
    labelStudio: new LabelStudioClient(resolver),
    readData: (value, options) => resolver.readBuffer(value, options),
  };
}
