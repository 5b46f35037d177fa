import { createLogger, LOG_LEVELS, optionsFromEnv, type AppOptions } from '@lsml/core';
import { CLIError } from '../cli-error.js';

/** The flags `start` and `worker` share, as parsed. */
export interface RuntimeFlags {
  mode: string | undefined;
  'basic-auth-user': string | undefined;
  'basic-auth-pass': string | undefined;
  'log-level': string | undefined;
  debug: boolean;
}

/**
 * AppOptions from the environment (`io.env`, not the process's) with flags on top: a flag
 * always wins over its env var. Only set fields are passed, so an absent flag never erases an
 * env value.
 */
export function appOptionsFrom(
  flags: RuntimeFlags,
  env: NodeJS.ProcessEnv,
  modelDir: string,
): AppOptions {
  // Flags are laid over the environment before core validates it, so a flag also fixes a
  // bad env value (LSML_MODE=prod with --mode production).
  const overlaid: NodeJS.ProcessEnv = { ...env };
  if (flags.mode !== undefined) {
    if (flags.mode !== 'dev' && flags.mode !== 'production') {
      throw new CLIError('BAD_ARGS', `--mode must be dev or production, got "${flags.mode}"`);
    }
    overlaid.LSML_MODE = flags.mode;
  }
  if (flags['basic-auth-user'] !== undefined) overlaid.BASIC_AUTH_USER = flags['basic-auth-user'];
  if (flags['basic-auth-pass'] !== undefined) overlaid.BASIC_AUTH_PASS = flags['basic-auth-pass'];
  const set = (value: string | undefined) => (value === '' ? undefined : value);
  if (
    (set(overlaid.BASIC_AUTH_USER) === undefined) !==
    (set(overlaid.BASIC_AUTH_PASS) === undefined)
  ) {
    throw new CLIError(
      'BAD_ARGS',
      'Basic auth needs both a user and a password',
      'pass --basic-auth-user and --basic-auth-pass (or BASIC_AUTH_USER and BASIC_AUTH_PASS) together',
    );
  }
  const options: AppOptions = { ...optionsFromEnv(overlaid), modelDir };
  options.logger = createLogger(logLevel(flags, env));
  return options;
}

/** `--log-level`, else `debug` with --debug, else `LOG_LEVEL`, else info. */
export function logLevel(
  flags: Pick<RuntimeFlags, 'log-level' | 'debug'>,
  env: NodeJS.ProcessEnv,
): string {
  const level = (
    flags['log-level'] ?? (flags.debug ? 'debug' : env.LOG_LEVEL || 'info')
  ).toLowerCase();
  if (!LOG_LEVELS.includes(level)) {
    throw new CLIError(
      'BAD_ARGS',
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`,
    );
  }
  return level;
}
