import type { Hono } from 'hono';
import { healthChecker } from '../../runtime/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';

/**
 * Label Studio reads any non-2xx `/health` as "disconnected" and then stops asking for
 * predictions: it always gets a 200 while this process can predict, with the same report.
 */
const LABEL_STUDIO = /heartex|label-?studio/i;

/**
 * `GET /health`: the dependencies training needs (model store writable; in production Redis
 * reachable and a worker seen recently), 503 with the reason when an annotation could be
 * stored but never trained on; `/predict` keeps working either way. `GET /` (JSON): whether
 * this process serves, for load balancers and Label Studio's older versions.
 */
export function healthRoutes(app: Hono<LsmlEnv>, { runtime, trainer, config }: RouteDeps): void {
  const basics = () => ({
    status: 'UP',
    model_class: runtime.backend.name,
    mode: config.mode,
    trainer: trainer.mode,
  });
  const health = healthChecker(runtime, { needsWorkers: trainer.mode === 'queue' });
  app.get('/health', async (c) => {
    const report = await health();
    const fromLabelStudio = LABEL_STUDIO.test(c.req.header('user-agent') ?? '');
    const body = {
      ...basics(),
      // To Label Studio, UP means "serving predictions"; can_train and reason say the rest.
      status: report.canTrain || fromLabelStudio ? 'UP' : 'DEGRADED',
      can_train: report.canTrain,
      ...(report.reason ? { reason: report.reason } : {}),
      checks: report.checks,
    };
    return c.json(body, report.canTrain || fromLabelStudio ? 200 : 503);
  });
  app.get('/', (c) => c.json(basics()));
}
