import type { TrainingOutcome } from '../runtime/index.js';
import type { ProjectId, TrainingEvent } from '../contract/types.js';

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

/** What `GET /jobs/:id` reports about a training job. */
export interface JobInfo {
  id: string;
  project: ProjectId;
  state: JobState;
  progress: number;
  /** ISO timestamps. */
  queuedAt: string;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  result?: TrainingOutcome | undefined;
  error?: string | undefined;
  /** How many events this run stands for (bursts coalesce). Inline trainer only. */
  events?: number;
  /** Attempts made so far (queue trainer: failed attempts are retried with backoff). */
  attempts?: number;
}

/** The answer to a submitted event: the job that will cover it. */
export interface JobRef {
  id: string;
  /** True when the event joined a job that was already waiting. */
  coalesced: boolean;
}

/**
 * Runs `fit` for projects. `inline` runs it in this process (dev); `queue` hands it to
 * BullMQ workers (production). Either way a burst of events for a project coalesces.
 */
export interface Trainer {
  readonly mode: 'inline' | 'queue';
  submit(project: ProjectId, event: TrainingEvent): Promise<JobRef>;
  job(id: string): Promise<JobInfo | undefined>;
  /**
   * Running and waiting jobs, then the newest finished and failed ones (at most `limit` of
   * each), for the status page. Optional: a custom trainer may leave it out.
   */
  recent?(limit?: number): Promise<JobInfo[]>;
  /** Resolves when no training is running or waiting (tests, graceful shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}
