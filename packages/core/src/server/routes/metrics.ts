import type { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';

/** `GET /metrics`: Prometheus text format. */
export function metricsRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.get('/metrics', (c) =>
    c.text(runtime.metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    }),
  );
}
