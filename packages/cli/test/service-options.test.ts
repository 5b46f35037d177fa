import { configFromEnv } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { runtimeEnv, type RuntimeFlags } from '../src/backend/service-options.js';

const noFlags: RuntimeFlags = {
  mode: undefined,
  'basic-auth-user': undefined,
  'basic-auth-pass': undefined,
  'log-level': 'silent',
  debug: false,
};

describe('runtimeEnv', () => {
  it('lets a flag fix the env value it replaces', () => {
    const { env } = runtimeEnv(
      { ...noFlags, mode: 'production', 'basic-auth-pass': 'secret' },
      { LSML_MODE: 'prod', BASIC_AUTH_USER: 'ls' },
    );
    const config = configFromEnv(env);
    expect(config.mode).toBe('production');
    expect(config.basicAuth).toEqual({ user: 'ls', pass: 'secret' });
  });

  it('refuses a bad env value no flag replaces, naming the variable', () => {
    expect(() => runtimeEnv(noFlags, { LSML_MODE: 'prod' })).toThrow(/LSML_MODE/);
  });

  it('takes an empty LOG_LEVEL as unset', () => {
    const { logger } = runtimeEnv({ ...noFlags, 'log-level': undefined }, { LOG_LEVEL: '' });
    expect(logger.level).toBe('info');
  });

  it('refuses a user without a password, from flags or env', () => {
    expect(() => runtimeEnv({ ...noFlags, 'basic-auth-user': 'ls' }, {})).toThrow(
      /both a user and a password/,
    );
    expect(() => runtimeEnv(noFlags, { BASIC_AUTH_PASS: 'x' })).toThrow(
      /both a user and a password/,
    );
  });
});
