import { join } from 'node:path';
import type { TokenKind } from './token-kind.js';

/**
 * How task data is fetched. Every field has an env var, read by the config module.
 *
 * @example
 * const resolver = createTaskDataResolver({
 *   ...TASK_DATA_DEFAULTS,
 *   cacheDir: '/tmp/lsml-data',
 *   labelStudioUrl: 'http://ls:8080',
 * });
 */
export interface TaskDataOptions {
  /**
   * `LABEL_STUDIO_URL` (or `LABEL_STUDIO_HOST`): where relative paths like `/data/upload/…` live.
   * Its origin is the only one `blockPrivateAddresses` lets through (a `/setup` hostname never is).
   */
  labelStudioUrl?: string | undefined;
  /**
   * `LABEL_STUDIO_API_KEY`: a legacy token (sent as `Authorization: Token …`) or a personal
   * access token (exchanged for access tokens sent as `Bearer …`), to `labelStudioUrl`'s origin
   * only (never to a `/setup` hostname).
   */
  apiKey?: string | undefined;
  /** `LABEL_STUDIO_TOKEN_KIND=legacy|personal`: the kind of `apiKey`, when its shape misleads. Default: read from the key. */
  tokenKind?: TokenKind | undefined;
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

/** The defaults of every setting but the cache folder (which follows the model dir). */
export const TASK_DATA_DEFAULTS: Omit<TaskDataOptions, 'cacheDir'> = {
  cacheMaxBytes: 2048 * MB,
  maxBytes: 200 * MB,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  blockPrivateAddresses: false,
  maxRedirects: 5,
};

/** The download cache when `LSML_CACHE_DIR` is not set: beside the models. */
export function defaultDataCacheDir(modelDir: string): string {
  return join(modelDir, '.cache', 'data');
}
