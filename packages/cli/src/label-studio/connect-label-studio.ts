import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configFromEnv,
  createDataAccess,
  isLsmlError,
  type DataAccess,
  type TaskDataOptions,
} from '@lsml/core';
import { CLIError } from '../cli-error.js';
import type { LabelStudioTarget } from './connection-args.js';

/** Label Studio's API for a command, with the environment's data settings and the flags on top. */
export interface LabelStudioSession extends DataAccess {
  /** Removes the download cache the session made (one that the environment names is kept). */
  close(): void;
}

/**
 * The client and task data reader for `target`: core's, so requests follow the rules a backend
 * follows (both token kinds, the token to Label Studio only, retries, bounds). The environment's
 * task data settings (`LSML_DATA_*`, local files, `LABEL_STUDIO_TOKEN_KIND`) apply; URL and key
 * are the target's.
 */
export function connectLabelStudio(
  target: LabelStudioTarget,
  env: NodeJS.ProcessEnv,
  settings: Partial<TaskDataOptions> = {},
): LabelStudioSession {
  let fromEnv: Partial<TaskDataOptions>;
  try {
    fromEnv = configFromEnv(env).taskData;
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    throw new CLIError('BAD_ARGS', error.message, 'fix or unset that variable', { cause: error });
  }
  const given = { ...fromEnv, ...settings };
  const temp = given.cacheDir === undefined ? mkdtempSync(join(tmpdir(), 'lsml-ls-')) : undefined;
  const access = createDataAccess(temp ?? '.', {
    ...given,
    ...(temp === undefined ? {} : { cacheDir: temp }),
    labelStudioUrl: target.url,
    apiKey: target.apiKey,
  });
  return {
    ...access,
    close: () => {
      if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
    },
  };
}
