import { serve, type ServerType } from '@hono/node-server';
import type { Worker } from 'bullmq';
import { Hono } from 'hono';
import type { Logger } from '../observability/logger.js';
import { healthChecker, type BackendRuntime } from '../runtime/index.js';
import type { TrainingJob } from './training-job.js';

/** A worker's own HTTP endpoints, on `LSML_WORKER_PORT`. */
export interface WorkerEndpoints {
  port: number;
  close(): Promise<void>;
}

/**
 * Counts what the worker does into the runtime's metrics: jobs finished by outcome, their
 * durations, and the progress of each job in flight.
 */
export function countJobs(worker: Worker, runtime: BackendRuntime<unknown>): void {
  const m = runtime.metrics;
  const finished = (job: TrainingJob | undefined, outcome: 'completed' | 'failed') => {
    m.workerJobs.inc({ outcome });
    if (job?.processedOn !== undefined && job.finishedOn !== undefined)
      m.workerJobDuration.observe({ outcome }, (job.finishedOn - job.processedOn) / 1000);
    if (job?.id !== undefined) m.workerJobProgress.clear({ job: job.id });
  };
  worker.on('completed', (job: TrainingJob) => {
    finished(job, 'completed');
  });
  worker.on('failed', (job: TrainingJob | undefined) => {
    finished(job, 'failed');
  });
  worker.on('progress', (job: TrainingJob, progress) => {
    if (typeof progress === 'number' && job.id !== undefined)
      m.workerJobProgress.set({ job: job.id, project: job.data.project }, progress);
  });
}

/**
 * `GET /health` (200, or 503 with the reason when Redis or the model store fail, or the worker
 * stopped) and `GET /metrics` (Prometheus) for a training worker, so it can be scraped and
 * probed like the API.
 */
export async function serveWorkerEndpoints(
  worker: Worker,
  runtime: BackendRuntime<unknown>,
  where: { port: number; host: string },
  log: Logger,
): Promise<WorkerEndpoints> {
  const health = healthChecker(runtime, { needsWorkers: false });
  const app = new Hono();
  app.get('/health', async (c) => {
    const report = await health();
    const running = worker.isRunning();
    const ok = report.canTrain && running;
    const reason = running ? report.reason : 'the worker is stopping';
    return c.json(
      {
        status: ok ? 'UP' : 'DOWN',
        role: 'worker',
        model_class: runtime.backend.name,
        ...(reason ? { reason } : {}),
        checks: report.checks,
      },
      ok ? 200 : 503,
    );
  });
  app.get('/metrics', (c) =>
    c.text(runtime.metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    }),
  );
  app.notFound((c) =>
    c.json(
      { error: `No route ${c.req.path}: a worker serves /health and /metrics`, code: 'NOT_FOUND' },
      404,
    ),
  );
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: where.port, hostname: where.host }, () => {
      resolve(s);
    });
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : where.port;
  log.info({ port }, `worker health and metrics on http://${where.host}:${port}`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
