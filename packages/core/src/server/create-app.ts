import { Hono } from 'hono';
import type { Backend } from '../model/backend.js';
import { BackendRuntime, defaultModelDir } from '../model/backend-runtime.js';
import { createLogger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { InlineTrainer, createQueueTrainer, type Trainer } from '../training/index.js';
import { createDataAccess } from '../data/index.js';
import type { RouteDeps } from './deps.js';
import type { LsmlEnv } from './env.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { basicAuth } from './middleware/basic-auth.js';
import { bodyLimit } from './middleware/body-limit.js';
import { requestContext } from './middleware/request-context.js';
import { optionsFromEnv, type AppOptions } from './options.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoute } from './routes/metrics.js';
import { predictRoute } from './routes/predict.js';
import { setupRoute } from './routes/setup.js';
import { trainRoute } from './routes/train.js';
import { validateRoute } from './routes/validate.js';
import { versionsRoute } from './routes/versions.js';
import { webhookRoute } from './routes/webhook.js';

/** A backend wired to HTTP: the Hono app plus what tests and `serve()` need to manage it. */
export interface LsmlService<M> {
  app: Hono<LsmlEnv>;
  runtime: BackendRuntime<M>;
  trainer: Trainer;
  metrics: Metrics;
  /** Stops training (waits for runs in flight) and releases connections. */
  close(): Promise<void>;
}

/**
 * Builds the service for `backend`. Options not given come from the environment
 * (see {@link optionsFromEnv}).
 *
 * @example
 * const { app } = createService(myBackend, { modelDir: '/tmp/models' });
 * const res = await app.request('/health');
 */
export function createService<M>(backend: Backend<M>, given: AppOptions = {}): LsmlService<M> {
  const options = { ...optionsFromEnv(), ...given };
  const log = options.logger ?? createLogger();
  const metrics = new Metrics();
  const modelDir = options.modelDir ?? defaultModelDir();
  const data = createDataAccess(modelDir, options.taskData);
  const runtime = new BackendRuntime(backend, {
    modelDir,
    keepVersions: options.keepVersions,
    log,
    metrics,
    readData: options.readData ?? data.readData,
    labelStudio: data.labelStudio,
  });
  const mode = options.mode ?? 'dev';
  const trainer = options.trainer
    ? options.trainer(runtime as BackendRuntime<never>)
    : mode === 'production'
      ? createQueueTrainer({ redis: options.redis, prefix: options.queuePrefix })(
          runtime as BackendRuntime<never>,
        )
      : new InlineTrainer(runtime);
  const deps: RouteDeps = {
    runtime,
    trainer,
    metrics,
    options: {
      ...options,
      validation: options.validation ?? 'strict',
      trainEvery: options.trainEvery ?? 1,
      mode,
    },
    onLabelStudio: (connection) => {
      data.resolver.setLabelStudio(connection);
    },
  };

  const app = new Hono<LsmlEnv>();
  app.use(requestContext(log, metrics));
  app.use(bodyLimit(options.bodyLimit ?? 100 * 1024 * 1024));
  if (options.basicAuth) {
    app.use(
      basicAuth({
        ...options.basicAuth,
        webhookSecret: options.webhookSecret,
        webhookAuth: options.webhookAuth ?? 'required',
      }),
    );
  }
  for (const register of [
    healthRoutes,
    setupRoute,
    predictRoute,
    webhookRoute,
    trainRoute,
    validateRoute,
    metricsRoute,
    versionsRoute,
    jobRoutes,
  ]) {
    register(app, deps);
  }
  app.notFound(notFoundHandler);
  app.onError(errorHandler(log));

  return {
    app,
    runtime,
    trainer,
    metrics,
    close: () => trainer.close(),
  };
}

/** The Hono app for `backend` (see {@link createService} for the parts around it). */
export function createApp<M>(backend: Backend<M>, options: AppOptions = {}): Hono<LsmlEnv> {
  return createService(backend, options).app;
}
