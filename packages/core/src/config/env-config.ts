import { join } from 'node:path';
import { LsmlError } from '../errors/index.js';
import { LOG_LEVELS } from '../observability/logger.js';
import type { RedisLocation } from '../store/index.js';
import { badEnv, byteSize, flag, oneOf, setOnly, share, wholeNumber } from './env-values.js';
import { resolveConfig, type LsmlConfig, type TaskDataSettings } from './lsml-config.js';

/**
 * The whole config from environment variables, the one place lsml reads them, with
 * `overrides` (fields not `undefined`) on top. An empty value counts as unset; a value a
 * variable cannot mean stops the process with a `VALIDATION_FAILED` naming the variable and
 * what it takes: `LSML_MODE=prod` must not quietly run a production deployment in dev mode,
 * nor a lone `BASIC_AUTH_USER` leave auth off.
 *
 * @example
 * configFromEnv({ LSML_MODE: 'production', LSML_TRAIN_EVERY: '10' }).trainEvery; // 10
 * configFromEnv(process.env, { port: 0 }).port; // 0, whatever PORT says
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<LsmlConfig> = {},
): LsmlConfig {
  return resolveConfig({ ...envFields(env), ...definedFields(overrides) });
}

/** The fields the environment sets (the others `undefined`). */
function envFields(env: NodeJS.ProcessEnv): Partial<LsmlConfig> {
  const vars = setOnly(env);
  return {
    mode: oneOf(vars, 'LSML_MODE', ['dev', 'production'] as const),
    modelDir: vars.MODEL_DIR,
    logLevel: oneOf(vars, 'LOG_LEVEL', LOG_LEVELS),
    port: wholeNumber(vars, 'PORT', { min: 0, max: 65535 }),
    host: vars.HOST,
    basicAuth: basicAuthOf(vars),
    webhookSecret: vars.WEBHOOK_SECRET,
    webhookAuth: oneOf(vars, 'WEBHOOK_AUTH', ['required', 'none'] as const),
    bodyLimit: byteSize(vars, 'LSML_BODY_LIMIT'),
    validation: oneOf(vars, 'LSML_VALIDATION', ['strict', 'lenient'] as const),
    trainEvery: wholeNumber(vars, 'LSML_TRAIN_EVERY'),
    keepVersions: wholeNumber(vars, 'LSML_KEEP_VERSIONS'),
    redis: redisOf(vars),
    queuePrefix: vars.LSML_QUEUE_PREFIX,
    workerConcurrency: wholeNumber(vars, 'LSML_WORKER_CONCURRENCY') ?? wholeNumber(vars, 'WORKERS'),
    predictionLog: predictionLogOf(vars),
    predictionLogBudget: share(vars, 'LSML_PREDICTION_LOG_BUDGET'),
    workerPort: wholeNumber(vars, 'LSML_WORKER_PORT', { min: 0, max: 65535 }),
    taskData: taskDataOf(vars),
  };
}

function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function basicAuthOf(vars: Record<string, string>): LsmlConfig['basicAuth'] {
  const user = vars.BASIC_AUTH_USER;
  const pass = vars.BASIC_AUTH_PASS;
  if (user !== undefined && pass !== undefined) return { user, pass };
  if (user === undefined && pass === undefined) return undefined;
  const [set, missing] =
    user === undefined
      ? ['BASIC_AUTH_PASS', 'BASIC_AUTH_USER']
      : ['BASIC_AUTH_USER', 'BASIC_AUTH_PASS'];
  throw new LsmlError(
    'VALIDATION_FAILED',
    `${set} is set without ${missing}: set both to turn basic auth on, or neither`,
  );
}

function predictionLogOf(vars: Record<string, string>): LsmlConfig['predictionLog'] | undefined {
  const maxEntries = wholeNumber(vars, 'LSML_PREDICTION_LOG_MAX', { min: 0 });
  const maxDays = wholeNumber(vars, 'LSML_PREDICTION_LOG_DAYS');
  if (maxEntries === undefined && maxDays === undefined) return undefined;
  const defaults = resolveConfig().predictionLog;
  return { maxEntries: maxEntries ?? defaults.maxEntries, maxDays: maxDays ?? defaults.maxDays };
}

function redisOf(vars: Record<string, string>): RedisLocation | undefined {
  const port = wholeNumber(vars, 'REDIS_PORT', { max: 65535 });
  if (vars.REDIS_URL !== undefined) return { url: vars.REDIS_URL };
  if (vars.REDIS_HOST === undefined && port === undefined) return undefined;
  return { host: vars.REDIS_HOST ?? '127.0.0.1', port: port ?? 6379 };
}

function taskDataOf(vars: Record<string, string>): TaskDataSettings {
  const localFiles = flag(vars, 'LOCAL_FILES_SERVING_ENABLED') === true;
  const settings: TaskDataSettings = {
    labelStudioUrl: vars.LABEL_STUDIO_URL ?? vars.LABEL_STUDIO_HOST,
    apiKey: vars.LABEL_STUDIO_API_KEY,
    tokenKind: oneOf(vars, 'LABEL_STUDIO_TOKEN_KIND', ['legacy', 'personal'] as const),
    localFilesRoot: localFiles ? vars.LOCAL_FILES_DOCUMENT_ROOT : undefined,
    // LSML_CACHE_DIR is shared with the transformers.js model cache, whose folders (`Xenova/…`)
    // sit at its root: task data keeps to its own subfolder so neither evicts the other's files.
    cacheDir:
      vars.LSML_CACHE_DIR === undefined ? undefined : join(vars.LSML_CACHE_DIR, 'task-data'),
    cacheMaxBytes: byteSize(vars, 'LSML_DATA_CACHE_MAX_BYTES'),
    maxBytes: byteSize(vars, 'LSML_DATA_MAX_BYTES'),
    connectTimeoutMs: wholeNumber(vars, 'LSML_DATA_CONNECT_TIMEOUT_MS'),
    readTimeoutMs: wholeNumber(vars, 'LSML_DATA_READ_TIMEOUT_MS'),
    blockPrivateAddresses: flag(vars, 'LSML_BLOCK_PRIVATE_ADDRESSES'),
  };
  if (localFiles && settings.localFilesRoot === undefined)
    throw badEnv(
      'LOCAL_FILES_SERVING_ENABLED',
      vars.LOCAL_FILES_SERVING_ENABLED ?? '',
      'set LOCAL_FILES_DOCUMENT_ROOT too (the folder Label Studio serves local files from)',
    );
  return definedFields(settings);
}
