import type { MiddlewareHandler } from 'hono';
import { LsmlError } from '../../errors/index.js';
import type { LsmlEnv } from '../env.js';

export function tooLarge(limit: number): LsmlError {
  return new LsmlError(
    'PAYLOAD_TOO_LARGE',
    `Request body is larger than the limit of ${limit} bytes (set LSML_BODY_LIMIT to raise it)`,
  );
}

/**
 * Refuses bodies over `limit` bytes from their Content-Length, before anything is read. Bodies
 * without one (chunked) are counted while `readJson` reads them. Unlike hono's bodyLimit, it
 * never touches `c.req.raw.body`, which would make @hono/node-server build a web stream for
 * every request and halve /predict throughput.
 */
export function bodyLimit(limit: number): MiddlewareHandler<LsmlEnv> {
  return async function lsmlBodyLimit(c, next) {
    c.set('bodyLimit', limit);
    const length = c.req.header('content-length');
    if (length !== undefined && Number(length) > limit) throw tooLarge(limit);
    await next();
  };
}
