import { pino, type Logger as PinoLogger } from 'pino';

/** Structured logger (pino). Child loggers carry the request id or job id. */
export type Logger = PinoLogger;

/** A JSON logger on stdout at `level` (env `LOG_LEVEL`, default `info`). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level: level.toLowerCase(),
    base: { service: 'lsml' },
    // Credentials can sit in request bodies and headers; they never reach the logs.
    redact: ['req.headers.authorization', 'access_token', 'params.password', '*.access_token'],
  });
}
