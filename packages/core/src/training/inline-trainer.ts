import { isLsmlError } from '../errors/index.js';
import type { BackendRuntime } from '../runtime/index.js';
import type { ProjectId, TrainingEvent } from '../contract/types.js';
import type { JobInfo, JobRef, Trainer } from './trainer.js';

const KEEP_JOBS = 500;

interface ProjectLane {
  active: JobInfo | undefined;
  waiting: { job: JobInfo; event: TrainingEvent } | undefined;
}

/**
 * Dev-mode trainer: fit runs in this process, one run per project at a time. Events that arrive
 * during a run coalesce into one follow-up run (with the newest event). Runs start on a later
 * tick, so the webhook that triggered them answers first; a CPU-heavy fit should yield
 * (`await setImmediate()` between epochs) or use a worker thread to keep /predict responsive.
 */
export class InlineTrainer<M> implements Trainer {
  readonly mode = 'inline' as const;
  private readonly lanes = new Map<ProjectId, ProjectLane>();
  private readonly jobs = new Map<string, JobInfo>();
  private readonly running = new Set<Promise<void>>();
  private sequence = 0;
  private closed = false;

  constructor(private readonly runtime: BackendRuntime<M>) {}

  submit(project: ProjectId, event: TrainingEvent): Promise<JobRef> {
    const lane = this.lanes.get(project) ?? { active: undefined, waiting: undefined };
    this.lanes.set(project, lane);
    if (lane.waiting) {
      lane.waiting.event = event;
      lane.waiting.job.events = (lane.waiting.job.events ?? 1) + 1;
      return Promise.resolve({ id: lane.waiting.job.id, coalesced: true });
    }
    const job = this.newJob(project);
    if (lane.active) {
      lane.waiting = { job, event };
    } else {
      this.start(lane, job, event);
    }
    return Promise.resolve({ id: job.id, coalesced: false });
  }

  job(id: string): Promise<JobInfo | undefined> {
    return Promise.resolve(this.jobs.get(id));
  }

  recent(limit = 10): Promise<JobInfo[]> {
    const all = [...this.jobs.values()].reverse();
    const open = all.filter((j) => j.state === 'active' || j.state === 'waiting');
    const done = (state: JobInfo['state']) => all.filter((j) => j.state === state).slice(0, limit);
    return Promise.resolve([...open, ...done('completed'), ...done('failed')]);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) lane.waiting = undefined;
    await this.idle();
  }

  private newJob(project: ProjectId): JobInfo {
    this.sequence += 1;
    const job: JobInfo = {
      id: `${project}-${Date.now().toString(36)}-${this.sequence}`,
      project,
      state: 'waiting',
      progress: 0,
      queuedAt: new Date().toISOString(),
      events: 1,
    };
    this.jobs.set(job.id, job);
    if (this.jobs.size > KEEP_JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }

  private start(lane: ProjectLane, job: JobInfo, event: TrainingEvent): void {
    lane.active = job;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(job, event))
      .finally(() => {
        this.running.delete(run);
        lane.active = undefined;
        const next = lane.waiting;
        lane.waiting = undefined;
        if (next && !this.closed) this.start(lane, next.job, next.event);
      });
    this.running.add(run);
  }

  private async run(job: JobInfo, event: TrainingEvent): Promise<void> {
    job.state = 'active';
    job.startedAt = new Date().toISOString();
    const log = this.runtime.log.child({ project: job.project, job: job.id });
    try {
      job.result = await this.runtime.train(job.project, event, {
        log,
        progress: (fraction) => {
          job.progress = Math.max(0, Math.min(1, fraction));
          log.debug({ progress: job.progress }, 'training progress');
          return Promise.resolve();
        },
      });
      job.state = 'completed';
      job.progress = 1;
    } catch (error) {
      job.state = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
      log.error({ err: error, unrecoverable: isLsmlError(error) }, 'training failed');
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }
}
