import { describe, expect, it } from 'vitest';
import { appOptionsFrom, type RuntimeFlags } from '../src/backend/service-options.js';

const noFlags: RuntimeFlags = {
  mode: undefined,
  'basic-auth-user': undefined,
  'basic-auth-pass': undefined,
  'log-level': 'silent',
  debug: false,
};

describe('appOptionsFrom', () => {
  it('lets a flag fix the env value it replaces', () => {
    const options = appOptionsFrom(
      { ...noFlags, mode: 'production', 'basic-auth-pass': 'secret' },
      { LSML_MODE: 'prod', BASIC_AUTH_USER: 'ls' },
      '/tmp/models',
    );
    expect(options.mode).toBe('production');
    expect(options.basicAuth).toEqual({ user: 'ls', pass: 'secret' });
  });

  it('refuses a bad env value no flag replaces, naming the variable', () => {
    expect(() => appOptionsFrom(noFlags, { LSML_MODE: 'prod' }, '/tmp/models')).toThrow(
      /LSML_MODE/,
    );
  });

  it('takes an empty LOG_LEVEL as unset', () => {
    const options = appOptionsFrom({ ...noFlags, 'log-level': undefined }, { LOG_LEVEL: '' }, '/m');
    expect(options.logger?.level).toBe('info');
  });

  it('refuses a user without a password, from flags or env', () => {
    expect(() =>
      appOptionsFrom({ ...noFlags, 'basic-auth-user': 'ls' }, {}, '/tmp/models'),
    ).toThrow(/both a user and a password/);
    expect(() => appOptionsFrom(noFlags, { BASIC_AUTH_PASS: 'x' }, '/tmp/models')).toThrow(
      /both a user and a password/,
    );
  });
});
