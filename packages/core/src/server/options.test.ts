import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './options.js';

describe('optionsFromEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(optionsFromEnv({})).toEqual({
      mode: 'dev',
      bodyLimit: 100 * 1024 * 1024,
      validation: 'strict',
      trainEvery: 1,
      webhookAuth: 'required',
    });
  });

  it('reads every variable', () => {
    expect(
      optionsFromEnv({
        LSML_MODE: 'production',
        LSML_BODY_LIMIT: '512kb',
        LSML_TRAIN_EVERY: '10',
        LSML_KEEP_VERSIONS: '3',
        WEBHOOK_AUTH: 'none',
        MODEL_DIR: '/models',
        BASIC_AUTH_USER: 'ls',
        BASIC_AUTH_PASS: 'secret',
        WEBHOOK_SECRET: 'hook',
        REDIS_HOST: 'redis',
        REDIS_PORT: '6380',
        LSML_QUEUE_PREFIX: 'p',
      }),
    ).toEqual({
      mode: 'production',
      bodyLimit: 512 * 1024,
      validation: 'lenient',
      trainEvery: 10,
      webhookAuth: 'none',
      modelDir: '/models',
      basicAuth: { user: 'ls', pass: 'secret' },
      webhookSecret: 'hook',
      redis: { host: 'redis', port: 6380 },
      queuePrefix: 'p',
      keepVersions: 3,
    });
    expect(optionsFromEnv({ LSML_VALIDATION: 'strict', LSML_MODE: 'production' }).validation).toBe(
      'strict',
    );
    expect(optionsFromEnv({ REDIS_URL: 'redis://r:1' }).redis).toEqual({ url: 'redis://r:1' });
  });

  it('treats empty values as unset (compose files pass VAR: ${VAR:-})', () => {
    expect(
      optionsFromEnv({ LSML_MODE: '', BASIC_AUTH_USER: '', BASIC_AUTH_PASS: '', REDIS_PORT: '' }),
    ).toEqual(optionsFromEnv({}));
  });

  it.each([
    [{ BASIC_AUTH_USER: 'ls' }, /BASIC_AUTH_USER is set without BASIC_AUTH_PASS: set both/],
    [{ BASIC_AUTH_PASS: 'secret' }, /BASIC_AUTH_PASS is set without BASIC_AUTH_USER/],
    [{ LSML_MODE: 'prod' }, /LSML_MODE="prod" is not valid: use dev or production/],
    [{ LSML_VALIDATION: 'loose' }, /LSML_VALIDATION="loose" is not valid: use strict or lenient/],
    [{ WEBHOOK_AUTH: 'off' }, /WEBHOOK_AUTH="off" is not valid: use required or none/],
    [{ LSML_TRAIN_EVERY: 'abc' }, /LSML_TRAIN_EVERY="abc" is not valid: use a whole number/],
    [{ LSML_TRAIN_EVERY: '0' }, /LSML_TRAIN_EVERY="0" is not valid/],
    [{ LSML_TRAIN_EVERY: '2.5' }, /LSML_TRAIN_EVERY="2.5" is not valid/],
    [{ LSML_KEEP_VERSIONS: 'all' }, /LSML_KEEP_VERSIONS="all" is not valid: use a whole number/],
    [{ LSML_KEEP_VERSIONS: '0' }, /LSML_KEEP_VERSIONS="0" is not valid/],
    [
      { REDIS_PORT: '70000' },
      /REDIS_PORT="70000" is not valid: use a whole number from 1 to 65535/,
    ],
    [{ LSML_BODY_LIMIT: 'lots' }, /LSML_BODY_LIMIT="lots" is not valid: use bytes/],
  ])('refuses %o, naming the variable and what it takes', (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(message),
      }),
    );
  });
});
