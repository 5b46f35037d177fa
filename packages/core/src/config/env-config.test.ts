import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './env-config.js';
import { resolveConfig } from './lsml-config.js';

describe('configFromEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(configFromEnv({})).toEqual({
      mode: 'dev',
      modelDir: join(process.cwd(), 'models'),
      logLevel: 'info',
      port: 9090,
      host: '0.0.0.0',
      basicAuth: undefined,
      webhookSecret: undefined,
      webhookAuth: 'required',
      bodyLimit: 100 * 1024 * 1024,
      validation: 'strict',
      trainEvery: 1,
      keepVersions: 10,
      redis: { host: '127.0.0.1', port: 6379 },
      queuePrefix: 'lsml',
      workerConcurrency: 1,
      predictionLog: { maxEntries: 10_000, maxDays: 30 },
      predictionLogBudget: 0.01,
      workerPort: undefined,
      taskData: {},
    });
  });

  it('reads every variable', () => {
    expect(
      configFromEnv({
        LSML_MODE: 'production',
        MODEL_DIR: '/models',
        LOG_LEVEL: 'DEBUG',
        PORT: '8080',
        HOST: '127.0.0.1',
        BASIC_AUTH_USER: 'ls',
        BASIC_AUTH_PASS: 'secret',
        WEBHOOK_SECRET: 'hook',
        WEBHOOK_AUTH: 'none',
        LSML_BODY_LIMIT: '512kb',
        LSML_TRAIN_EVERY: '10',
        LSML_KEEP_VERSIONS: '3',
        REDIS_HOST: 'redis',
        REDIS_PORT: '6380',
        LSML_QUEUE_PREFIX: 'p',
        WORKERS: '4',
        LSML_PREDICTION_LOG_MAX: '0',
        LSML_PREDICTION_LOG_DAYS: '7',
        LSML_PREDICTION_LOG_BUDGET: '0.1',
        LSML_WORKER_PORT: '9191',
        LABEL_STUDIO_URL: 'http://ls:8080',
        LABEL_STUDIO_API_KEY: 'key',
        LABEL_STUDIO_TOKEN_KIND: 'Personal',
        LOCAL_FILES_SERVING_ENABLED: 'true',
        LOCAL_FILES_DOCUMENT_ROOT: '/data',
        LSML_CACHE_DIR: '/cache',
        LSML_DATA_CACHE_MAX_BYTES: '1gb',
        LSML_DATA_MAX_BYTES: '1048576',
        LSML_DATA_CONNECT_TIMEOUT_MS: '500',
        LSML_DATA_READ_TIMEOUT_MS: '700',
        LSML_BLOCK_PRIVATE_ADDRESSES: 'yes',
      }),
    ).toEqual({
      mode: 'production',
      modelDir: '/models',
      logLevel: 'debug',
      port: 8080,
      host: '127.0.0.1',
      basicAuth: { user: 'ls', pass: 'secret' },
      webhookSecret: 'hook',
      webhookAuth: 'none',
      bodyLimit: 512 * 1024,
      validation: 'lenient',
      trainEvery: 10,
      keepVersions: 3,
      redis: { host: 'redis', port: 6380 },
      queuePrefix: 'p',
      workerConcurrency: 4,
      predictionLog: { maxEntries: 0, maxDays: 7 },
      predictionLogBudget: 0.1,
      workerPort: 9191,
      taskData: {
        labelStudioUrl: 'http://ls:8080',
        apiKey: 'key',
        tokenKind: 'personal',
        localFilesRoot: '/data',
        cacheDir: join('/cache', 'task-data'),
        cacheMaxBytes: 1024 * 1024 * 1024,
        maxBytes: 1024 * 1024,
        connectTimeoutMs: 500,
        readTimeoutMs: 700,
        blockPrivateAddresses: true,
      },
    });
    expect(configFromEnv({ REDIS_URL: 'redis://r:1', REDIS_HOST: 'x' }).redis).toEqual({
      url: 'redis://r:1',
    });
    expect(configFromEnv({ LSML_WORKER_CONCURRENCY: '2', WORKERS: '5' }).workerConcurrency).toBe(2);
    expect(configFromEnv({ LSML_PREDICTION_LOG_DAYS: '3' }).predictionLog).toEqual({
      maxEntries: 10_000,
      maxDays: 3,
    });
    expect(configFromEnv({ LSML_PREDICTION_LOG_BUDGET: '5%' }).predictionLogBudget).toBe(0.05);
    expect(configFromEnv({ LSML_PREDICTION_LOG_BUDGET: '1' }).predictionLogBudget).toBe(1);
  });

  it('follows the mode for validation unless LSML_VALIDATION says otherwise', () => {
    expect(configFromEnv({ LSML_MODE: 'production' }).validation).toBe('lenient');
    expect(configFromEnv({ LSML_VALIDATION: 'strict', LSML_MODE: 'production' }).validation).toBe(
      'strict',
    );
    // An override of the mode moves the default too: serve({ mode: 'production' }) is lenient.
    expect(configFromEnv({}, { mode: 'production' }).validation).toBe('lenient');
    expect(resolveConfig({ mode: 'production' }).validation).toBe('lenient');
  });

  it('lets overrides win over the environment, but not undefined ones', () => {
    const env = { PORT: '8080', LSML_MODE: 'production' };
    expect(configFromEnv(env, { port: 0 }).port).toBe(0);
    expect(configFromEnv(env, { port: undefined, mode: undefined })).toMatchObject({
      port: 8080,
      mode: 'production',
    });
  });

  it('treats empty and blank values as unset (compose files pass VAR: ${VAR:-})', () => {
    expect(
      configFromEnv({
        LSML_MODE: '',
        BASIC_AUTH_USER: '',
        BASIC_AUTH_PASS: ' ',
        REDIS_PORT: '',
        PORT: '',
        LOG_LEVEL: '',
        LABEL_STUDIO_URL: '',
        LSML_CACHE_DIR: '',
      }),
    ).toEqual(configFromEnv({}));
  });

  it.each([
    [{ BASIC_AUTH_USER: 'ls' }, /BASIC_AUTH_USER is set without BASIC_AUTH_PASS: set both/],
    [{ BASIC_AUTH_PASS: 'secret' }, /BASIC_AUTH_PASS is set without BASIC_AUTH_USER/],
    [{ LSML_MODE: 'prod' }, /LSML_MODE="prod" is not valid: use dev or production/],
    [{ LSML_VALIDATION: 'loose' }, /LSML_VALIDATION="loose" is not valid: use strict or lenient/],
    [{ WEBHOOK_AUTH: 'off' }, /WEBHOOK_AUTH="off" is not valid: use required or none/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL="verbose" is not valid: use fatal or error/],
    [{ LSML_TRAIN_EVERY: 'abc' }, /LSML_TRAIN_EVERY="abc" is not valid: use a whole number/],
    [{ LSML_TRAIN_EVERY: '0' }, /LSML_TRAIN_EVERY="0" is not valid/],
    [{ LSML_TRAIN_EVERY: '2.5' }, /LSML_TRAIN_EVERY="2.5" is not valid/],
    [{ LSML_KEEP_VERSIONS: '-1' }, /LSML_KEEP_VERSIONS="-1" is not valid/],
    [{ LSML_PREDICTION_LOG_MAX: 'lots' }, /LSML_PREDICTION_LOG_MAX="lots" is not valid/],
    [{ LSML_PREDICTION_LOG_DAYS: '0' }, /LSML_PREDICTION_LOG_DAYS="0" is not valid/],
    [{ LSML_WORKER_PORT: '99999' }, /LSML_WORKER_PORT="99999" is not valid/],
    [{ PORT: 'abc' }, /PORT="abc" is not valid: use a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT="70000" is not valid/],
    [
      { REDIS_PORT: '70000' },
      /REDIS_PORT="70000" is not valid: use a whole number from 1 to 65535/,
    ],
    [{ WORKERS: 'many' }, /WORKERS="many" is not valid/],
    ...['0', '1.5', '-0.1', 'half', '120%'].map((value): [NodeJS.ProcessEnv, RegExp] => [
      { LSML_PREDICTION_LOG_BUDGET: value },
      new RegExp(`LSML_PREDICTION_LOG_BUDGET="${value}" is not valid: use a share above 0`),
    ]),
    [{ LSML_BODY_LIMIT: 'lots' }, /LSML_BODY_LIMIT="lots" is not valid: use bytes/],
    [{ LSML_DATA_MAX_BYTES: '-5' }, /LSML_DATA_MAX_BYTES="-5" is not valid: use bytes/],
    [{ LSML_BLOCK_PRIVATE_ADDRESSES: 'ture' }, /LSML_BLOCK_PRIVATE_ADDRESSES="ture" is not valid/],
    [{ LOCAL_FILES_SERVING_ENABLED: 'true' }, /set LOCAL_FILES_DOCUMENT_ROOT too/],
    [
      { LABEL_STUDIO_TOKEN_KIND: 'jwt' },
      /LABEL_STUDIO_TOKEN_KIND="jwt" is not valid: use legacy or personal/,
    ],
  ])('refuses %o, naming the variable and what it takes', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(message),
      }),
    );
  });
});
