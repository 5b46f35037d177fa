import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { LsmlError } from '../../errors/index.js';
import type { BackendRuntime } from '../../runtime/index.js';

const TOKEN_TTL_S = 7 * 24 * 3600;

/**
 * The token the status page's forms carry: random, made once per process, or once per
 * deployment in production (kept in Redis) so a form served by one replica posts to any.
 */
export function formToken(runtime: BackendRuntime<unknown>): () => Promise<string> {
  const own = randomBytes(24).toString('base64url');
  let shared: string | undefined;
  return async () => {
    const redis = runtime.redis;
    if (!redis) return own;
    if (shared) return shared;
    try {
      await redis.connection.set(redis.keys.statusToken, own, 'EX', TOKEN_TTL_S, 'NX');
      shared = (await redis.connection.get(redis.keys.statusToken)) ?? own;
      return shared;
    } catch {
      return own; // Redis down: this replica's forms still work when posted back to it.
    }
  };
}

function sameToken(a: string, b: string): boolean {
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(hash(a), hash(b));
}

/**
 * Refuses a state-changing form post that another site could have made: a browser says where
 * it comes from (`Sec-Fetch-Site`, `Origin`), and the form must carry the page's token.
 */
export function checkFormPost(c: Context, given: unknown, expected: string): void {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new LsmlError(
      'FORBIDDEN',
      `Refused: the form was posted from another site (Sec-Fetch-Site: ${site})`,
    );
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const hosts = [c.req.header('x-forwarded-host'), c.req.header('host')].filter(Boolean);
    let from: string;
    try {
      from = new URL(origin).host;
    } catch {
      from = origin;
    }
    if (!hosts.includes(from))
      throw new LsmlError(
        'FORBIDDEN',
        `Refused: the form was posted from ${origin}, not from this backend's status page`,
      );
  }
  if (typeof given !== 'string' || !sameToken(given, expected))
    throw new LsmlError(
      'FORBIDDEN',
      'Refused: the form token is missing or stale; reload the status page and try again',
    );
}
