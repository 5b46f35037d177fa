import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { LsmlEnv } from '../env.js';

/**
 * Gives each request an id (from `X-Request-Id` or new), a child logger carrying it, and
 * records its count and latency by route and status.
 */
export function requestContext(log: Logger, metrics: Metrics): MiddlewareHandler<LsmlEnv> {
  return async function lsmlRequestContext(c, next) {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    const child = log.child({ req: requestId });
    c.set('requestId', requestId);
    c.set('log', child);
    c.header('X-Request-Id', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const matched = routePath(c);
    const route = c.res.status === 404 && matched === '/*' ? 'unmatched' : matched;
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    metrics.requests.inc(labels);
    metrics.latency.observe(labels, seconds);
    child.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
      },
      'request',
    );
  };
}
