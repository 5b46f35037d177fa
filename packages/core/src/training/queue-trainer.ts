import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { ProjectId, TrainingEvent } from '../contract/types.js';
import { LsmlError } from '../errors/index.js';
import { throttledWarn } from '../observability/throttled-log.js';
import type { BackendRuntime, SharedRedis } from '../runtime/index.js';
import {
  connectRedis,
  listenForVersions,
  redisUnavailable,
  untilReady,
  withRedis,
} from '../store/index.js';
import type { JobInfo, JobRef, Trainer } from './trainer.js';
import {
  deduplicationId,
  toJobInfo,
  type TrainingJob,
  type TrainingJobData,
} from './training-job.js';

export interface QueueTrainerOptions {
  /** Attempts per job before it fails (transient errors only). Default 3. */
  attempts?: number;
  /** First retry delay; doubles per attempt. Default 2000 ms. */
  backoffMs?: number;
  /** Finished jobs kept for `GET /jobs/:id`. Default 500 completed, 1000 failed. */
  keep?: { completed: number; failed: number };
  /** A submit that takes longer fails with 503 (Label Studio waits 1 s for a webhook). */
  submitTimeoutMs?: number;
}

/**
 * The production trainer of an API replica: it only enqueues, on the runtime's shared Redis
 * (where its training data and project state live too). Workers ({@link runWorker}) run
 * `fit`, and their version announcements make this replica load the new version.
 */
export class QueueTrainer<M> implements Trainer {
  readonly mode = 'queue' as const;
  private readonly shared: SharedRedis;
  private readonly queue: Queue<TrainingJobData>;
  private readonly stopListening: () => void;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly runtime: BackendRuntime<M>,
    private readonly options: QueueTrainerOptions = {},
  ) {
    if (!runtime.redis)
      throw new LsmlError('INTERNAL', 'The queue trainer needs a production-mode runtime (Redis)');
    this.shared = runtime.redis;
    const log = runtime.log.child({ component: 'queue-trainer' });
    this.queue = new Queue<TrainingJobData>(this.shared.keys.queueName, {
      connection: this.shared.connection,
      prefix: this.shared.keys.prefix,
    });
    this.queue.on('error', throttledWarn(log, 'training queue error'));
    const subscriber = connectRedis(this.shared.location, 'subscriber');
    subscriber.on('error', () => undefined); // reported by the main connection
    this.stopListening = listenForVersions(
      subscriber,
      this.shared.keys.versionsChannel,
      {
        onVersion: ({ project }) => void this.refresh(project),
        onReconnect: () => {
          for (const project of runtime.models.loaded()) void this.refresh(project);
        },
      },
      log,
    );
  }

  async submit(project: ProjectId, event: TrainingEvent): Promise<JobRef> {
    await this.connected();
    const proposed = `${project}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const {
      attempts = 3,
      backoffMs = 2_000,
      keep = { completed: 500, failed: 1000 },
    } = this.options;
    const job = await this.withinTimeout(
      withRedis(this.shared.connection, this.shared.where, () =>
        this.queue.add(
          'train',
          { project, event },
          {
            jobId: proposed,
            // Waiting job: the event joins it. Active job: BullMQ keeps the newest event and
            // queues one follow-up run when the active one ends. Never two runs of a project at once.
            deduplication: { id: deduplicationId(project), keepLastIfActive: true },
            attempts,
            backoff: { type: 'exponential', delay: backoffMs },
            removeOnComplete: { count: keep.completed },
            removeOnFail: { count: keep.failed },
          },
        ),
      ),
    );
    const id = job.id ?? proposed;
    return { id, coalesced: id !== proposed };
  }

  async job(id: string): Promise<JobInfo | undefined> {
    await this.connected();
    return withRedis(this.shared.connection, this.shared.where, async () => {
      const job = (await this.queue.getJob(id)) as TrainingJob | undefined;
      return job ? toJobInfo(job, await job.getState()) : undefined;
    });
  }

  async recent(limit = 10): Promise<JobInfo[]> {
    await this.connected();
    return withRedis(this.shared.connection, this.shared.where, async () => {
      const lists = await Promise.all([
        this.queue.getJobs(['active'], 0, limit - 1),
        this.queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, limit - 1),
        this.queue.getJobs(['completed'], 0, limit - 1),
        this.queue.getJobs(['failed'], 0, limit - 1),
      ]);
      const states = ['active', 'waiting', 'completed', 'failed'] as const;
      return lists.flatMap((jobs, i) =>
        (jobs as TrainingJob[]).map((job) => toJobInfo(job, states[i] ?? 'unknown')),
      );
    });
  }

  /** Polls until no job of this queue waits or runs (tests). */
  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopListening();
      await Promise.race([this.queue.close(), new Promise((r) => setTimeout(r, 2_000))]);
    })();
    return this.closing;
  }

  /**
   * Waits a moment for the connection (a replica that just started is still connecting), then
   * fails: BullMQ would otherwise hold the call until Redis is back and enqueue it then, after
   * the webhook was already answered 503.
   */
  private async connected(): Promise<void> {
    if (!(await untilReady(this.shared.connection))) {
      throw redisUnavailable(
        this.shared.where,
        new Error(`connection is ${this.shared.connection.status}`),
      );
    }
  }

  private async refresh(project: ProjectId): Promise<void> {
    try {
      const live = await this.runtime.models.refresh(project);
      this.runtime.log.debug({ project, version: live.version }, 'refreshed after announcement');
    } catch (error) {
      this.runtime.log.warn({ err: error, project }, 'could not load the announced version');
    }
  }

  private async withinTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.options.submitTimeoutMs ?? 2_500;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(redisUnavailable(this.shared.where, new Error(`no answer within ${ms} ms`)));
      }, ms);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
