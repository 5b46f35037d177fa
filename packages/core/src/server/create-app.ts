import { Hono } from 'hono';
import { resolveConfig } from '../config/index.js';
import type { Backend } from '../contract/backend.js';
import { createLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createRuntime, type BackendRuntime } from '../runtime/index.js';
import { InlineTrainer, QueueTrainer, type Trainer } from '../training/index.js';
import type { RouteDeps } from './deps.js';
import type { LsmlEnv } from './env.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { basicAuth } from './middleware/basic-auth.js';
import { bodyLimit } from './middleware/body-limit.js';
import { requestContext } from './middleware/request-context.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoute } from './routes/metrics.js';
import { predictRoute } from './routes/predict.js';
import { setupRoute } from './routes/setup.js';
import { statsRoute } from './routes/stats.js';
import { statusRoutes } from './routes/status.js';
import { trainRoute } from './routes/train.js';
import { validateRoute } from './routes/validate.js';
import { versionsRoute } from './routes/versions.js';
import { webhookRoute } from './routes/webhook.js';
import type { ServiceOptions } from './service-options.js';

/** A backend wired to HTTP: the Hono app plus what tests and `serve()` need to manage it. */
export interface LsmlService<M> {
  app: Hono<LsmlEnv>;
  runtime: BackendRuntime<M>;
  trainer: Trainer;
  metrics: Metrics;
  /** Stops training (waits for runs in flight) and releases connections. */
  close(): Promise<void>;
}

const ROUTES = [
  // Before healthRoutes: a browser's GET / gets the status page, everyone else the health JSON.
  statusRoutes,
  healthRoutes,
  setupRoute,
  predictRoute,
  webhookRoute,
  trainRoute,
  validateRoute,
  metricsRoute,
  versionsRoute,
  jobRoutes,
  statsRoute,
];

/**
 * Builds the service for `backend` from `options` (every field not given takes its default;
 * the environment is read by `serve`, not here).
 *
 * @example
 * const { app } = createService(myBackend, { modelDir: '/tmp/models' });
 * const res = await app.request('/health');
 */
export function createService<M>(
  backend: Backend<M>,
  options: ServiceOptions = {},
): LsmlService<M> {
  const config = resolveConfig(options);
  const log = options.logger ?? createLogger(config.logLevel);
  const runtime = createRuntime(backend, config, { log, readData: options.readData, role: 'api' });
  const shared = runtime as BackendRuntime<unknown>;
  const trainer = options.trainer
    ? options.trainer(shared)
    : config.mode === 'production'
      ? new QueueTrainer(shared)
      : new InlineTrainer(shared);
  const deps: RouteDeps = { runtime: shared, trainer, config };

  const app = new Hono<LsmlEnv>();
  app.use(requestContext(log, runtime.metrics));
  app.use(bodyLimit(config.bodyLimit));
  if (config.basicAuth) {
    app.use(
      basicAuth({
        ...config.basicAuth,
        webhookSecret: config.webhookSecret,
        webhookAuth: config.webhookAuth,
      }),
    );
  }
  for (const register of ROUTES) register(app, deps);
  app.notFound(notFoundHandler);
  app.onError(errorHandler(log));

  return {
    app,
    runtime,
    trainer,
    metrics: runtime.metrics,
    close: async () => {
      await trainer.close();
      await runtime.flush();
      runtime.close();
    },
  };
}

/** The Hono app for `backend` (see {@link createService} for the parts around it). */
export function createApp<M>(backend: Backend<M>, options: ServiceOptions = {}): Hono<LsmlEnv> {
  return createService(backend, options).app;
}
