import { z } from 'zod';
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
  /**
   * `BASIC_AUTH_USER` + `BASIC_AUTH_PASS` (both or neither): HTTP basic auth on every route,
   * /health included (Label Studio sends the credentials there too).
   */
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
  /** `LSML_KEEP_VERSIONS`: model versions kept per project, besides current and pinned. Default 10. */
  keepVersions?: number;
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

/** A variable set to something outside `allowed`: name both, so the fix is obvious. */
function badEnv(name: string, value: string, allowed: string): LsmlError {
  return new LsmlError(
    'VALIDATION_FAILED',
    `${name}="${value}" is not valid: ${allowed} (or leave ${name} unset for the default)`,
  );
}

const oneOf = <T extends string>(name: string, allowed: readonly [T, ...T[]]) =>
  z
    .enum(allowed)
    .optional()
    .catch((ctx) => {
      throw badEnv(name, String(ctx.value), `use ${allowed.join(' or ')}`);
    });

const positiveInt = (name: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((text) => {
      if (text === undefined) return undefined;
      const n = Number(text);
      if (!/^\s*\d+\s*$/.test(text) || n < 1 || n > max)
        throw badEnv(name, text, `use a whole number from 1 to ${String(max)}`);
      return n;
    });

// A typo must stop the process, not quietly fall back: LSML_MODE=prod would otherwise run a
// production deployment in dev mode, and a lone BASIC_AUTH_USER would leave auth off.
const envSchema = z.object({
  LSML_MODE: oneOf('LSML_MODE', ['dev', 'production']),
  LSML_VALIDATION: oneOf('LSML_VALIDATION', ['strict', 'lenient']),
  WEBHOOK_AUTH: oneOf('WEBHOOK_AUTH', ['required', 'none']),
  LSML_TRAIN_EVERY: positiveInt('LSML_TRAIN_EVERY'),
  LSML_KEEP_VERSIONS: positiveInt('LSML_KEEP_VERSIONS'),
  REDIS_PORT: positiveInt('REDIS_PORT', 65535),
});

/** The environment with empty values removed: compose files pass `VAR: ${VAR:-}` for unset. */
function setOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/**
 * Reads AppOptions from the environment; explicit options win. Throws `VALIDATION_FAILED`
 * naming the variable and its allowed values when one is set to something it cannot mean
 * (empty counts as unset).
 *
 * @example
 * optionsFromEnv({ LSML_MODE: 'production', LSML_TRAIN_EVERY: '10' }).trainEvery; // 10
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AppOptions {
  const vars = setOnly(env);
  const parsed = envSchema.parse(vars);
  const user = vars.BASIC_AUTH_USER;
  const pass = vars.BASIC_AUTH_PASS;
  if ((user === undefined) !== (pass === undefined))
    throw new LsmlError(
      'VALIDATION_FAILED',
      `${user === undefined ? 'BASIC_AUTH_PASS' : 'BASIC_AUTH_USER'} is set without ${user === undefined ? 'BASIC_AUTH_USER' : 'BASIC_AUTH_PASS'}: set both to turn basic auth on, or neither`,
    );
  const mode = parsed.LSML_MODE ?? 'dev';
  const options: AppOptions = {
    mode,
    bodyLimit: vars.LSML_BODY_LIMIT ? bodyLimitOf(vars.LSML_BODY_LIMIT) : 100 * MB,
    validation: parsed.LSML_VALIDATION ?? (mode === 'production' ? 'lenient' : 'strict'),
    trainEvery: parsed.LSML_TRAIN_EVERY ?? 1,
    webhookAuth: parsed.WEBHOOK_AUTH ?? 'required',
  };
  if (vars.MODEL_DIR) options.modelDir = vars.MODEL_DIR;
  if (user !== undefined && pass !== undefined) options.basicAuth = { user, pass };
  if (vars.WEBHOOK_SECRET) options.webhookSecret = vars.WEBHOOK_SECRET;
  if (vars.REDIS_URL) options.redis = { url: vars.REDIS_URL };
  else if (vars.REDIS_HOST || parsed.REDIS_PORT)
    options.redis = { host: vars.REDIS_HOST, port: parsed.REDIS_PORT };
  if (vars.LSML_QUEUE_PREFIX) options.queuePrefix = vars.LSML_QUEUE_PREFIX;
  if (parsed.LSML_KEEP_VERSIONS) options.keepVersions = parsed.LSML_KEEP_VERSIONS;
  return options;
}

function bodyLimitOf(text: string): number {
  try {
    return parseByteSize(text);
  } catch {
    throw badEnv('LSML_BODY_LIMIT', text, 'use bytes or a size such as "100mb" or "512kb"');
  }
}
