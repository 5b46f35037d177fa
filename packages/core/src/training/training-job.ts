import type { Job, JobState as BullJobState } from 'bullmq';
import type { TrainingOutcome } from '../runtime/index.js';
import type { ProjectId, TrainingEvent } from '../contract/types.js';
import type { JobInfo, JobState } from './trainer.js';

/** The data of a BullMQ training job. */
export interface TrainingJobData {
  project: ProjectId;
  /** The newest event (coalesced jobs keep the last one). */
  event: TrainingEvent;
}

export type TrainingJob = Job<TrainingJobData, TrainingOutcome>;

/** One deduplication id per project: BullMQ keeps at most one active and one waiting job. */
export function deduplicationId(project: ProjectId): string {
  return `project-${project}`;
}

const STATES: Partial<Record<BullJobState | 'unknown', JobState>> = {
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

/** A BullMQ job as `GET /jobs/:id` reports it. Delayed (a retry's backoff) reads as waiting. */
export function toJobInfo(job: TrainingJob, state: BullJobState | 'unknown'): JobInfo {
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);
  const progress = typeof job.progress === 'number' ? job.progress : 0;
  const resolved = STATES[state] ?? 'waiting';
  return {
    id: job.id ?? '',
    project: job.data.project,
    state: resolved,
    progress: resolved === 'completed' ? 1 : progress,
    queuedAt: iso(job.timestamp) ?? new Date(0).toISOString(),
    startedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    attempts: job.attemptsMade,
    ...(resolved === 'completed' ? { result: job.returnvalue } : {}),
    ...(job.failedReason ? { error: job.failedReason } : {}),
  };
}
