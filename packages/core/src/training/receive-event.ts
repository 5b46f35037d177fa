import type { LabeledTask, ProjectId } from '../contract/types.js';
import { isLsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { BackendRuntime } from '../runtime/index.js';
import type { JobRef, Trainer } from './trainer.js';
import { triggerOf, type WebhookEvent } from './webhook-event.js';

const ADDS = new Set(['ANNOTATION_CREATED', 'ANNOTATION_UPDATED', 'ANNOTATIONS_CREATED']);
const REMOVES = new Set(['ANNOTATION_DELETED', 'ANNOTATIONS_DELETED']);
/** Annotations added since the project's count began, in the shared project state. */
const ADDED_KEY = 'lsml:annotations_added';

/** Where events go: the runtime's stores, the trainer, and how often to train. */
export interface EventSink {
  runtime: BackendRuntime<unknown>;
  trainer: Trainer;
  /** `LSML_TRAIN_EVERY`. */
  trainEvery: number;
}

/** What became of an event; the route answers it as is. */
export type EventReceipt =
  | { status: 'ok'; stored: number; job?: string; coalesced?: boolean; training?: string }
  | { status: 'ok'; removed: number; job: string; coalesced: boolean }
  | { status: 'ok'; job: string; coalesced: boolean }
  | { status: 'Unknown event'; action: string };

/**
 * A webhook's whole effect: its annotations stored (the store's write is what a 201 promises),
 * then training queued (every `trainEvery` new annotations, counted across replicas),
 * START_TRAINING queued at once. Anything else is acknowledged and ignored.
 */
export async function receiveEvent(
  sink: EventSink,
  event: WebhookEvent,
  log: Logger,
): Promise<EventReceipt> {
  const { runtime, trainer } = sink;
  const project = event.project;
  await rememberConfig(runtime, event, log);
  if (ADDS.has(event.action)) {
    await runtime.trainingData.put(project, event.examples);
    runtime.acceptance?.judgeAnnotations(project, event.examples);
    const added = Math.max(1, event.examples.length);
    const total = await runtime.state(project).increment(ADDED_KEY, added);
    const dueIn = untilDue(total, added, sink.trainEvery);
    if (dueIn > 0) {
      return {
        status: 'ok',
        stored: event.examples.length,
        training: `after ${dueIn} more annotation(s)`,
      };
    }
    const ids = event.examples.map((e) => e.annotation.id);
    const job = await trainer.submit(project, triggerOf(event, ids));
    return { status: 'ok', stored: event.examples.length, ...jobOf(job) };
  }
  if (REMOVES.has(event.action)) {
    await runtime.trainingData.remove(project, event.removed);
    const ids = event.removed.map((r) => r.annotationId);
    const job = await trainer.submit(project, triggerOf(event, ids));
    return { status: 'ok', removed: event.removed.length, ...jobOf(job) };
  }
  if (event.action === 'START_TRAINING') {
    return { status: 'ok', ...jobOf(await trainer.submit(project, triggerOf(event))) };
  }
  // TASKS_CREATED, PROJECT_UPDATED and any future action: accepted, nothing to train on.
  return { status: 'Unknown event', action: event.action };
}

/**
 * Legacy `/train`: the body is the whole labeled set. It replaces the training set, then a
 * START_TRAINING run is queued.
 */
export async function receiveTrainingSet(
  sink: Pick<EventSink, 'runtime' | 'trainer'>,
  project: ProjectId,
  examples: LabeledTask[],
  labelConfig: string | undefined,
): Promise<JobRef> {
  if (labelConfig !== undefined) await sink.runtime.labelInterface(project, labelConfig);
  await sink.runtime.trainingData.replace(project, examples);
  sink.runtime.acceptance?.judgeAnnotations(project, examples);
  return sink.trainer.submit(project, { action: 'START_TRAINING', project });
}

/**
 * How many more annotations until training is due; 0 when this event is due. Training runs
 * whenever the running total crosses a multiple of `every`: exact however replicas interleave.
 */
function untilDue(total: number, added: number, every: number): number {
  if (Math.floor(total / every) > Math.floor((total - added) / every)) return 0;
  return every - (total % every);
}

function jobOf(job: JobRef): { job: string; coalesced: boolean } {
  return { job: job.id, coalesced: job.coalesced };
}

/**
 * Label Studio never retries a webhook: refusing it for its label config would lose the
 * annotation. An unparsable config is logged and ignored; training uses the config /setup or
 * /predict stored.
 */
async function rememberConfig(
  runtime: BackendRuntime<unknown>,
  event: WebhookEvent,
  log: Logger,
): Promise<void> {
  if (event.labelConfig === undefined) return;
  try {
    await runtime.labelInterface(event.project, event.labelConfig);
  } catch (error) {
    if (!isLsmlError(error) || error.code !== 'INVALID_LABEL_CONFIG') throw error;
    log.warn(
      { project: event.project, err: error },
      `webhook ${event.action}: ignoring project.label_config: ${error.message}`,
    );
  }
}
