import { join } from 'node:path';
import type { TaskDataOptions } from '../data/index.js';
import type { PredictionLogBounds, RedisLocation } from '../store/index.js';

/** How task data is read; the cache folder defaults to one beside the models. */
export type TaskDataSettings = Partial<TaskDataOptions>;

/**
 * Everything that configures an lsml process. Every field has an environment variable (named
 * on it); {@link configFromEnv} reads them, and entry points (`serve`, `runWorker`, the CLI)
 * are its only callers. Libraries and tests pass values instead.
 *
 * @example
 * const config = resolveConfig({ mode: 'production', redis: { url: 'redis://redis:6379' } });
 * config.validation; // 'lenient' (production's default)
 */
export interface LsmlConfig {
  /** `LSML_MODE`: `dev` trains in-process; `production` queues on Redis for workers. */
  mode: 'dev' | 'production';
  /** `MODEL_DIR`: model versions, training data and state. Default `./models`. */
  modelDir: string;
  /** `LOG_LEVEL`: fatal, error, warn, info, debug, trace or silent. Default `info`. */
  logLevel: string;
  /** `PORT`: where the API listens. Default 9090. */
  port: number;
  /** `HOST`. Default `0.0.0.0`. */
  host: string;
  /** `BASIC_AUTH_USER` + `BASIC_AUTH_PASS` (both or neither): basic auth on every route. */
  basicAuth: { user: string; pass: string } | undefined;
  /** `WEBHOOK_SECRET`: lets Label Studio's credential-less webhooks in (`?secret=`). */
  webhookSecret: string | undefined;
  /** `WEBHOOK_AUTH=none`: accept webhooks without credentials even with basic auth on. */
  webhookAuth: 'required' | 'none';
  /** `LSML_BODY_LIMIT`: largest request body in bytes. Default 100 MB. */
  bodyLimit: number;
  /** `LSML_VALIDATION`: `strict` fails /predict on an invalid result; `lenient` drops it. */
  validation: 'strict' | 'lenient';
  /** `LSML_TRAIN_EVERY`: train after every N new annotations (counted across replicas). */
  trainEvery: number;
  /** `LSML_KEEP_VERSIONS`: model versions kept per project besides current and pinned ones. */
  keepVersions: number;
  /** `REDIS_URL`, or `REDIS_HOST` + `REDIS_PORT` (production). Default 127.0.0.1:6379. */
  redis: RedisLocation;
  /** `LSML_QUEUE_PREFIX`: prefix of every Redis key. Default `lsml`. */
  queuePrefix: string;
  /** `LSML_WORKER_CONCURRENCY` (or `WORKERS`): trainings a worker runs at once. Default 1. */
  workerConcurrency: number;
  /**
   * `LSML_PREDICTION_LOG_MAX` (entries per project, default 10000; 0 turns recording off) and
   * `LSML_PREDICTION_LOG_DAYS` (default 30): the predictions kept for acceptance analytics.
   */
  predictionLog: PredictionLogBounds;
  /**
   * `LSML_PREDICTION_LOG_BUDGET`: the share of the process's time recording predictions may
   * take (default 0.01); past it a random sample of requests is recorded and the rest counted as
   * unrecorded. 1 records every prediction whatever it costs.
   */
  predictionLogBudget: number;
  /** `LSML_WORKER_PORT`: where a training worker serves `/health` and `/metrics`. Default: none. */
  workerPort: number | undefined;
  /** `LABEL_STUDIO_URL`, `LABEL_STUDIO_API_KEY`, `LABEL_STUDIO_TOKEN_KIND`, `LSML_DATA_*`, …: how task data is read and Label Studio is called. */
  taskData: TaskDataSettings;
}

/**
 * A full config from the fields given, every other one at its default. The validation mode
 * follows the mode when not given (strict in dev, lenient in production).
 */
export function resolveConfig(given: Partial<LsmlConfig> = {}): LsmlConfig {
  const mode = given.mode ?? 'dev';
  const config: LsmlConfig = {
    mode,
    modelDir: join(process.cwd(), 'models'),
    logLevel: 'info',
    port: 9090,
    host: '0.0.0.0',
    basicAuth: undefined,
    webhookSecret: undefined,
    webhookAuth: 'required',
    bodyLimit: 100 * 1024 * 1024,
    validation: mode === 'production' ? 'lenient' : 'strict',
    trainEvery: 1,
    keepVersions: 10,
    redis: { host: '127.0.0.1', port: 6379 },
    queuePrefix: 'lsml',
    workerConcurrency: 1,
    predictionLog: { maxEntries: 10_000, maxDays: 30 },
    predictionLogBudget: 0.01,
    workerPort: undefined,
    taskData: {},
  };
  // Only the config's own fields are taken: callers pass wider option objects.
  for (const key of Object.keys(config) as (keyof LsmlConfig)[]) {
    if (given[key] !== undefined) Object.assign(config, { [key]: given[key] });
  }
  return config;
}
