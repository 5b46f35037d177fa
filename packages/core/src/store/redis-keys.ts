import type { ProjectId } from '../contract/types.js';

/** Names of the queue and of every Redis key lsml uses beside it, all under one prefix. */
export interface QueueKeys {
  /** BullMQ key prefix (default `lsml`); tests use a fresh one each. */
  prefix: string;
  /** BullMQ queue name: one queue per backend. */
  queueName: string;
  trainingData(project: ProjectId): string;
  /** Which annotation each stored task holds (task id → annotation id). */
  annotationOf(project: ProjectId): string;
  state(project: ProjectId): string;
  /** The prediction log: task → recorded prediction (hash), and task → when (sorted set). */
  predictions(project: ProjectId): string;
  predictionTimes(project: ProjectId): string;
  /** Acceptance counters per version and label (hash). */
  acceptance(project: ProjectId): string;
  /** Worker heartbeats: worker id → last seen (ms, sorted set). */
  workers: string;
  /** The status page's form token, shared by every API replica. */
  statusToken: string;
  /** Pub/sub channel where workers announce new versions. */
  versionsChannel: string;
}

/** What a queue is named by: the backend, and optionally a prefix and an explicit name. */
export interface QueueNaming {
  /** `LSML_QUEUE_PREFIX`, default `lsml`. */
  prefix?: string | undefined;
  /** Default `train-<backend name>`. */
  queueName?: string | undefined;
}

/**
 * Keys for `backendName`'s queue. BullMQ forbids `:` in queue names, so anything outside
 * `[A-Za-z0-9_-]` in the backend name becomes `_`.
 *
 * @example
 * queueKeys('dummy').queueName; // 'train-dummy'
 */
export function queueKeys(backendName: string, naming: QueueNaming = {}): QueueKeys {
  const prefix = naming.prefix ?? 'lsml';
  const queueName = naming.queueName ?? `train-${backendName.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const base = `${prefix}:${queueName}`;
  return {
    prefix,
    queueName,
    trainingData: (project) => `${base}:data:${project}`,
    annotationOf: (project) => `${base}:annotation-of:${project}`,
    state: (project) => `${base}:state:${project}`,
    predictions: (project) => `${base}:predictions:${project}`,
    predictionTimes: (project) => `${base}:prediction-times:${project}`,
    acceptance: (project) => `${base}:acceptance:${project}`,
    workers: `${base}:workers`,
    statusToken: `${base}:status-token`,
    versionsChannel: `${base}:versions`,
  };
}
