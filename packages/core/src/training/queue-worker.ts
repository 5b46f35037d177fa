import { Worker } from 'bullmq';
import { configFromEnv, type LsmlConfig } from '../config/index.js';
import type { Backend, DataReader } from '../contract/backend.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { throttledWarn } from '../observability/throttled-log.js';
import {
  createRuntime,
  startHeartbeat,
  workerId,
  type BackendRuntime,
  type TrainingOutcome,
} from '../runtime/index.js';
import { startOrExit } from '../runtime/startup.js';
import { jobProgress } from './fit-progress.js';
import { steerRetry } from './job-errors.js';
import type { TrainingJob, TrainingJobData } from './training-job.js';
import { countJobs, serveWorkerEndpoints, type WorkerEndpoints } from './worker-endpoints.js';

export interface WorkerOptions extends Partial<LsmlConfig> {
  /** The environment the config is read from (the CLI lays its flags over it). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger | undefined;
  /** Stands in for the task data resolver. */
  readData?: DataReader | undefined;
  /** How long a job's lock lives without renewal; a dead worker's job is retried after it. Default 30 s. */
  lockDuration?: number;
  /** How often stalled jobs (dead workers) are looked for. Default 30 s. */
  stalledInterval?: number;
  /** Stalls before a job fails instead of being retried. Default 1. */
  maxStalledCount?: number;
  /**
   * Own the process (default true): SIGINT/SIGTERM close the worker (finishing the job in
   * flight) and exit; a failure to start prints one line and exits 1.
   */
  handleSignals?: boolean;
}

export interface RunningWorker<M> {
  worker: Worker<TrainingJobData, TrainingOutcome>;
  runtime: BackendRuntime<M>;
  /** Where `/health` and `/metrics` are served (`LSML_WORKER_PORT`), if anywhere. */
  port: number | undefined;
  /** Stops taking jobs, waits for the ones in flight, disconnects. */
  close(): Promise<void>;
}

/**
 * Runs a production training worker for `backend`: reads the config from the environment
 * (`options` win), runs the backend's `init`, then takes the jobs API replicas queue, runs
 * `fit` on the project's shared training set, commits the version to the shared model store
 * and announces it so every replica switches to it.
 *
 * @example
 * // src/worker.ts of a backend
 * await runWorker(myBackend);
 */
export async function runWorker<M>(
  backend: Backend<M>,
  options: WorkerOptions = {},
): Promise<RunningWorker<M>> {
  const ownsProcess = options.handleSignals !== false;
  let log: Logger | undefined;
  return startOrExit(
    ownsProcess,
    () => log,
    async () => {
      // A worker is production mode whatever LSML_MODE says: it only exists to take queued jobs.
      const config = configFromEnv(options.env ?? process.env, { ...options, mode: 'production' });
      log = (options.logger ?? createLogger(config.logLevel)).child({ component: 'worker' });
      const runtime = createRuntime(backend, config, {
        log,
        readData: options.readData,
        role: 'worker',
      });
      try {
        await runtime.init();
        return await startWorker(runtime, config, options, log, ownsProcess);
      } catch (error) {
        runtime.close();
        throw error;
      }
    },
  );
}

async function startWorker<M>(
  runtime: BackendRuntime<M>,
  config: LsmlConfig,
  options: WorkerOptions,
  log: Logger,
  ownsProcess: boolean,
): Promise<RunningWorker<M>> {
  const shared = runtime.redis;
  if (!shared) throw new Error('a worker runtime has Redis');
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
      return await runtime.train(project, event, {
        log: jobLog,
        progress: jobProgress(job, jobLog),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw steerRetry(error);
    }
  };
  const worker = new Worker<TrainingJobData, TrainingOutcome>(shared.keys.queueName, train, {
    connection: shared.connection,
    prefix: shared.keys.prefix,
    concurrency: config.workerConcurrency,
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
  const anyModel = runtime as BackendRuntime<unknown>;
  countJobs(worker, anyModel);
  const stopHeartbeat = startHeartbeat(anyModel, workerId());
  let endpoints: WorkerEndpoints | undefined;
  if (config.workerPort !== undefined) {
    try {
      endpoints = await serveWorkerEndpoints(
        worker,
        anyModel,
        { port: config.workerPort, host: config.host },
        log,
      );
    } catch (error) {
      // A port in use must not leave a worker taking jobs in a process that reports failure.
      await worker.close();
      await stopHeartbeat();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await worker.close();
      await stopHeartbeat();
      await endpoints?.close();
      runtime.close();
      log.info('worker stopped');
    })();
    return closing;
  };
  if (ownsProcess) installSignalHandlers(close, log);
  await worker.waitUntilReady();
  log.info(
    { queue: shared.keys.queueName, redis: shared.where, concurrency: worker.opts.concurrency },
    `training worker for "${runtime.backend.name}" ready`,
  );
  return { worker, runtime, port: endpoints?.port, close };
}

function installSignalHandlers(close: () => Promise<void>, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'signal received: finishing the job in flight');
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
