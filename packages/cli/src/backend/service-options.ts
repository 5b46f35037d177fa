import { configFromEnv, createLogger, LOG_LEVELS, type Logger } from '@lsml/core';
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
 * The environment `serve`/`runWorker` read (`io.env`, not the process's) with the flags laid
 * over it, checked by core's config module, and the logger at the level the flags ask for.
 * A flag always wins over its env var, and also fixes a bad env value (LSML_MODE=prod with
 * --mode production).
 */
export function runtimeEnv(
  flags: RuntimeFlags,
  env: NodeJS.ProcessEnv,
): { env: NodeJS.ProcessEnv; logger: Logger } {
  const overlaid: NodeJS.ProcessEnv = { ...env };
  if (flags.mode !== undefined) {
    if (flags.mode !== 'dev' && flags.mode !== 'production') {
      throw new CLIError('BAD_ARGS', `--mode must be dev or production, got "${flags.mode}"`);
    }
    overlaid.LSML_MODE = flags.mode;
  }
  if (flags['basic-auth-user'] !== undefined) overlaid.BASIC_AUTH_USER = flags['basic-auth-user'];
  if (flags['basic-auth-pass'] !== undefined) overlaid.BASIC_AUTH_PASS = flags['basic-auth-pass'];
  const set = (value: string | undefined) => (value?.trim() === '' ? undefined : value);
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
  // Checked here, so a bad variable is a one-line CLI error before the backend is imported.
  configFromEnv(overlaid);
  return { env: overlaid, logger: createLogger(logLevel(flags, env)) };
}

/** `--log-level`, else `debug` with --debug, else `LOG_LEVEL`, else info. */
export function logLevel(
  flags: Pick<RuntimeFlags, 'log-level' | 'debug'>,
  env: NodeJS.ProcessEnv,
): string {
  const level = (
    flags['log-level'] ?? (flags.debug ? 'debug' : env.LOG_LEVEL?.trim() || 'info')
  ).toLowerCase();
  if (!LOG_LEVELS.includes(level)) {
    throw new CLIError(
      'BAD_ARGS',
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`,
    );
  }
  return level;
}
