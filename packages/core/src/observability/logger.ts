import { pino, type Logger as PinoLogger } from 'pino';
import { LsmlError } from '../errors/index.js';

/** Structured logger (pino). Child loggers carry the request id or job id. */
export type Logger = PinoLogger;

/** The levels `LOG_LEVEL` (and the CLI's `--log-level`) accept. */
export const LOG_LEVELS: readonly string[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** A JSON logger on stdout at `level` (the config's `LOG_LEVEL`; empty means `info`). */
export function createLogger(level = 'info'): Logger {
  const name = level.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(name)) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`,
    );
  }
  return pino({
    level: name,
    base: { service: 'lsml' },
    // Credentials can sit in request bodies and headers; they never reach the logs.
    redact: ['req.headers.authorization', 'access_token', 'params.password', '*.access_token'],
  });
}
