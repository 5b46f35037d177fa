import { Worker } from 'bullmq';
import type { Backend } from '../model/backend.js';
import { BackendRuntime, defaultModelDir, type TrainingOutcome } from '../model/backend-runtime.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { optionsFromEnv, type AppOptions } from '../server/options.js';
import { createDataAccess } from '../data/index.js';
import { jobProgress } from './fit-progress.js';
import { steerRetry } from './job-errors.js';
import { queueKeys } from './queue-keys.js';
import { connectRedis, describeRedis, redisLocationFromEnv } from './redis-connection.js';
import { redisStores } from './redis-stores.js';
import { throttledWarn } from './throttled-log.js';
import type { TrainingJob, TrainingJobData } from './training-job.js';
import { announceVersion } from './version-announcements.js';

export interface WorkerOptions extends Pick<
  AppOptions,
  'modelDir' | 'logger' | 'readData' | 'taskData' | 'redis' | 'queuePrefix' | 'keepVersions'
> {
  /** Jobs (projects) trained at once. `LSML_WORKER_CONCURRENCY` or `WORKERS`, default 1. */
  concurrency?: number;
  /** How long a job's lock lives without renewal; a dead worker's job is retried after it. Default 30 s. */
  lockDuration?: number;
  /** How often stalled jobs (dead workers) are looked for. Default 30 s. */
  stalledInterval?: number;
  /** Stalls before a job fails instead of being retried. Default 1. */
  maxStalledCount?: number;
  /** SIGINT/SIGTERM close the worker (finishing the job in flight), then exit. Default true. */
  handleSignals?: boolean;
}

export interface RunningWorker<M> {
  worker: Worker<TrainingJobData, TrainingOutcome>;
  runtime: BackendRuntime<M>;
  /** Stops taking jobs, waits for the ones in flight, disconnects. */
  close(): Promise<void>;
}

/** Concurrency from the environment: `LSML_WORKER_CONCURRENCY`, else `WORKERS`, else 1. */
export function workerConcurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.LSML_WORKER_CONCURRENCY ?? env.WORKERS ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * Runs a production training worker for `backend`: takes jobs that API replicas queued, runs
 * `fit` on the project's shared training set, commits the version to the shared model store
 * and announces it so every replica switches to it.
 *
 * @example
 * // src/worker.ts of an example
 * import { runWorker } from '@lsml/core';
 * import { dummy } from './model.js';
 * await runWorker(dummy);
 */
export async function runWorker<M>(
  backend: Backend<M>,
  given: WorkerOptions = {},
): Promise<RunningWorker<M>> {
  const options = { ...optionsFromEnv(), ...given };
  const log = (options.logger ?? createLogger()).child({ component: 'worker' });
  const location = options.redis ?? redisLocationFromEnv();
  const where = describeRedis(location);
  const keys = queueKeys(backend.name, { prefix: options.queuePrefix });
  const redis = connectRedis(location, 'worker');
  redis.on('error', throttledWarn(log, `Redis at ${where} is unreachable; waiting for it`));
  const modelDir = options.modelDir ?? defaultModelDir();
  const data = createDataAccess(modelDir, options.taskData);
  const runtime = new BackendRuntime(backend, {
    modelDir,
    keepVersions: options.keepVersions,
    log,
    metrics: new Metrics(),
    readData: options.readData ?? data.readData,
    labelStudio: data.labelStudio,
    ...redisStores(redis, keys, where),
  });

  // BullMQ aborts `signal` when the job is cancelled (`worker.cancelJob(id)`): fit sees it.
  const train = async (
    job: TrainingJob,
    _token?: string,
    signal?: AbortSignal,
  ): Promise<TrainingOutcome> => {
    const { project, event } = job.data;
    const jobLog = log.child({ project, job: job.id, attempt: job.attemptsMade + 1 });
    jobLog.info({ action: event.action }, 'training started');
    try {
      const outcome = await runtime.train(project, event, {
        log: jobLog,
        progress: jobProgress(job, jobLog),
        ...(signal ? { signal } : {}),
      });
      if (outcome.status === 'trained' && outcome.version !== undefined) {
        await announceVersion(redis, keys.versionsChannel, { project, version: outcome.version });
      }
      return outcome;
    } catch (error) {
      throw steerRetry(error);
    }
  };

  const worker = new Worker<TrainingJobData, TrainingOutcome>(keys.queueName, train, {
    connection: redis,
    prefix: keys.prefix,
    concurrency: options.concurrency ?? workerConcurrencyFromEnv(),
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 1,
  });
  worker.on('error', throttledWarn(log, 'worker error'));
  worker.on('failed', (job, error) => {
    log.warn(
      { project: job?.data.project, job: job?.id, attempts: job?.attemptsMade, err: error },
      'training attempt failed',
    );
  });
  worker.on('stalled', (jobId) => {
    log.warn({ job: jobId }, 'a worker died mid-job: the job is retried');
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await worker.close();
      redis.disconnect();
      log.info('worker stopped');
    })();
    return closing;
  };
  if (options.handleSignals !== false) installSignalHandlers(close, log);
  await worker.waitUntilReady();
  log.info(
    { queue: keys.queueName, redis: where, concurrency: worker.opts.concurrency },
    `training worker for "${backend.name}" ready`,
  );
  return { worker, runtime, close };
}

function installSignalHandlers(close: () => Promise<void>, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'signal received: finishing the job in flight');
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
