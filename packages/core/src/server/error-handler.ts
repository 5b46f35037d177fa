import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isLsmlError, LsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { LsmlEnv } from './env.js';

/** Turns anything thrown into `{"error", "code"}` with the right status; stacks go to the log only. */
export function toLsmlError(error: unknown): LsmlError {
  if (isLsmlError(error)) return error;
  if (error instanceof HTTPException) {
    const code =
      error.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : error.status === 401
          ? 'UNAUTHORIZED'
          : error.status === 404
            ? 'NOT_FOUND'
            : error.status < 500
              ? 'VALIDATION_FAILED'
              : 'INTERNAL';
    return new LsmlError(code, error.message || 'Request failed', { cause: error });
  }
  const message =
    error instanceof Error && error.message !== ''
      ? error.message
      : 'The backend failed without a message';
  return new LsmlError('BACKEND_ERROR', message, { cause: error });
}

export function errorHandler(fallbackLog: Logger) {
  return function lsmlOnError(error: Error, c: Context<LsmlEnv>) {
    const lsml = toLsmlError(error);
    const log = (c.get('log') as Logger | undefined) ?? fallbackLog;
    if (lsml.status >= 500)
      log.error({ err: lsml.cause ?? lsml, code: lsml.code, path: c.req.path }, lsml.message);
    else log.info({ code: lsml.code, path: c.req.path }, lsml.message);
    return c.json(lsml.toJSON(), lsml.status as 400);
  };
}

export function notFoundHandler(c: Context<LsmlEnv>) {
  const error = new LsmlError(
    'NOT_FOUND',
    `No route ${c.req.method} ${c.req.path}; see GET /health, POST /setup, /predict, /webhook, /train`,
  );
  return c.json(error.toJSON(), 404);
}
