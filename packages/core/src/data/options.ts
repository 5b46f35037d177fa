import { join } from 'node:path';

/**
 * How task data is fetched. Every field has an env var (see {@link taskDataOptionsFromEnv}).
 *
 * @example
 * const resolver = createTaskDataResolver({ ...taskDataOptionsFromEnv(), labelStudioUrl: 'http://ls:8080' });
 */
export interface TaskDataOptions {
  /**
   * `LABEL_STUDIO_URL` (or `LABEL_STUDIO_HOST`): where relative paths like `/data/upload/…` live.
   * Its origin is the only one `blockPrivateAddresses` lets through (a `/setup` hostname never is).
   */
  labelStudioUrl?: string | undefined;
  /** `LABEL_STUDIO_API_KEY`: sent as `Authorization: Token …`, to `labelStudioUrl`'s origin only (never to a `/setup` hostname). */
  apiKey?: string | undefined;
  /** `LOCAL_FILES_SERVING_ENABLED` + `LOCAL_FILES_DOCUMENT_ROOT`: read local files under this root only. */
  localFilesRoot?: string | undefined;
  /** The download cache: `<LSML_CACHE_DIR>/task-data`, else `<MODEL_DIR>/.cache/data`. */
  cacheDir: string;
  /** `LSML_DATA_CACHE_MAX_BYTES`: the cache's size bound (LRU eviction). Default 2 GB. */
  cacheMaxBytes: number;
  /** `LSML_DATA_MAX_BYTES`: largest single file. Default 200 MB. */
  maxBytes: number;
  /** `LSML_DATA_CONNECT_TIMEOUT_MS`: until response headers arrive. Default 10 s. */
  connectTimeoutMs: number;
  /** `LSML_DATA_READ_TIMEOUT_MS`: longest pause between body chunks. Default 30 s. */
  readTimeoutMs: number;
  /** `LSML_BLOCK_PRIVATE_ADDRESSES=true`: refuse hosts that are or resolve to non-public addresses (SSRF; see `privateRange`). */
  blockPrivateAddresses: boolean;
  /** Redirects followed at most. */
  maxRedirects: number;
}

const MB = 1024 * 1024;

function positive(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * An env var's value, or `undefined` when it is unset *or empty*: compose files pass
 * `LABEL_STUDIO_URL: ${LABEL_STUDIO_URL:-}`, which sets `''`, and an empty URL must fall back
 * to what `/setup` sends rather than win over it.
 */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Where task data downloads are cached. `LSML_CACHE_DIR` is shared with the transformers.js
 * model cache, whose folders (`Xenova/…`) sit at its root: the data cache keeps to its own
 * `task-data/` subfolder so neither counts nor evicts the other's files.
 */
export function dataCacheDir(env: NodeJS.ProcessEnv, modelDir: string): string {
  const shared = envValue(env, 'LSML_CACHE_DIR');
  return shared === undefined ? join(modelDir, '.cache', 'data') : join(shared, 'task-data');
}

/** Task data options from the environment. */
export function taskDataOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): TaskDataOptions {
  const modelDir = envValue(env, 'MODEL_DIR') ?? join(process.cwd(), 'models');
  const localEnabled = /^(1|true|yes)$/i.test(env.LOCAL_FILES_SERVING_ENABLED ?? '');
  return {
    labelStudioUrl: envValue(env, 'LABEL_STUDIO_URL') ?? envValue(env, 'LABEL_STUDIO_HOST'),
    apiKey: envValue(env, 'LABEL_STUDIO_API_KEY'),
    localFilesRoot: localEnabled ? envValue(env, 'LOCAL_FILES_DOCUMENT_ROOT') : undefined,
    cacheDir: dataCacheDir(env, modelDir),
    cacheMaxBytes: positive(env.LSML_DATA_CACHE_MAX_BYTES, 2048 * MB),
    maxBytes: positive(env.LSML_DATA_MAX_BYTES, 200 * MB),
    connectTimeoutMs: positive(env.LSML_DATA_CONNECT_TIMEOUT_MS, 10_000),
    readTimeoutMs: positive(env.LSML_DATA_READ_TIMEOUT_MS, 30_000),
    blockPrivateAddresses: /^(1|true|yes)$/i.test(env.LSML_BLOCK_PRIVATE_ADDRESSES ?? ''),
    maxRedirects: 5,
  };
}
