import type { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';

/** `GET /health` and `GET /`: Label Studio marks the model Connected on `status: "UP"`. */
export function healthRoutes(app: Hono<LsmlEnv>, { runtime, trainer, config }: RouteDeps): void {
  const body = () => ({
    status: 'UP',
    model_class: runtime.backend.name,
    mode: config.mode,
    trainer: trainer.mode,
  });
  app.get('/health', (c) => c.json(body()));
  app.get('/', (c) => c.json(body()));
}
