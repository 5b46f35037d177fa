import { LsmlError } from '../errors/index.js';
import type { TaskDataOptions } from '../data/index.js';
import type { DataReader } from '../model/backend.js';
import type { BackendRuntime } from '../model/backend-runtime.js';
import type { Logger } from '../observability/logger.js';
import type { Trainer } from '../training/index.js';
import type { RedisLocation } from '../training/redis-connection.js';

/** How a running backend behaves. Every field has an env var; see docs/configuration in the README. */
export interface AppOptions {
  /** `MODEL_DIR`: model versions, training data and state. Default `./models`. */
  modelDir?: string;
  /** `LSML_MODE`: `dev` trains in-process; `production` enqueues on Redis for workers. */
  mode?: 'dev' | 'production';
  logger?: Logger;
  /** `BASIC_AUTH_USER` + `BASIC_AUTH_PASS`: HTTP basic auth on every route but /health. */
  basicAuth?: { user: string; pass: string } | undefined;
  /**
   * `WEBHOOK_SECRET`: lets webhooks in without basic auth (Label Studio's webhooks carry no
   * credentials). Sent as header `X-Webhook-Secret` or query `?secret=` in the webhook URL.
   */
  webhookSecret?: string | undefined;
  /** `WEBHOOK_AUTH=none`: accept webhooks without credentials even when basic auth is on. */
  webhookAuth?: 'required' | 'none';
  /** `LSML_BODY_LIMIT`: largest request body in bytes. Default 100 MB. */
  bodyLimit?: number;
  /** `LSML_VALIDATION`: `strict` fails /predict on an invalid result; `lenient` drops it. */
  validation?: 'strict' | 'lenient';
  /** `LSML_TRAIN_EVERY`: train after every N new annotations. Default 1. */
  trainEvery?: number;
  /** `REDIS_URL`, or `REDIS_HOST` + `REDIS_PORT` (production mode). Default 127.0.0.1:6379. */
  redis?: RedisLocation | undefined;
  /** `LSML_QUEUE_PREFIX`: prefix of every Redis key (queue, training data, state). Default `lsml`. */
  queuePrefix?: string | undefined;
  /**
   * Builds the trainer; default: inline in dev mode, the queue trainer
   * (`createQueueTrainer`) in production mode.
   */
  trainer?: (runtime: BackendRuntime<never>) => Trainer;
  /** Reads task data (URLs, uploads, data URIs). Default: the task data resolver. */
  readData?: DataReader;
  /** Task data settings over the env ones (LABEL_STUDIO_URL, LSML_DATA_MAX_BYTES, …). */
  taskData?: Partial<TaskDataOptions>;
}

const MB = 1024 * 1024;

/** Parses "100mb", "512kb", "1048576". */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!match)
    throw new LsmlError('VALIDATION_FAILED', `"${text}" is not a size; use bytes or e.g. "100mb"`);
  const unit = { b: 1, kb: 1024, mb: MB, gb: 1024 * MB }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * unit);
}

/** Reads AppOptions from the environment; explicit options win. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AppOptions {
  const user = env.BASIC_AUTH_USER;
  const pass = env.BASIC_AUTH_PASS;
  const mode = env.LSML_MODE === 'production' ? 'production' : 'dev';
  const options: AppOptions = {
    mode,
    bodyLimit: env.LSML_BODY_LIMIT ? parseByteSize(env.LSML_BODY_LIMIT) : 100 * MB,
    validation:
      env.LSML_VALIDATION === 'strict' || env.LSML_VALIDATION === 'lenient'
        ? env.LSML_VALIDATION
        : mode === 'production'
          ? 'lenient'
          : 'strict',
    trainEvery: Math.max(1, Number(env.LSML_TRAIN_EVERY ?? 1) || 1),
    webhookAuth: env.WEBHOOK_AUTH === 'none' ? 'none' : 'required',
  };
  if (env.MODEL_DIR) options.modelDir = env.MODEL_DIR;
  if (user && pass) options.basicAuth = { user, pass };
  if (env.WEBHOOK_SECRET) options.webhookSecret = env.WEBHOOK_SECRET;
  if (env.REDIS_URL) options.redis = { url: env.REDIS_URL };
  else if (env.REDIS_HOST || env.REDIS_PORT)
    options.redis = {
      host: env.REDIS_HOST,
      port: env.REDIS_PORT ? Number(env.REDIS_PORT) : undefined,
    };
  if (env.LSML_QUEUE_PREFIX) options.queuePrefix = env.LSML_QUEUE_PREFIX;
  return options;
}
