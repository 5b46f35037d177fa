import type { LabelInterface } from '../label-config/index.js';
import type { Logger } from '../observability/logger.js';
import type { ArtifactReader, ArtifactWriter } from './artifacts.js';
import type { LabelStudioApi } from './label-studio-api.js';
import type { ProjectState } from './project-state.js';
import type { LabeledTask, Prediction, ProjectId, Task, TrainingEvent } from './types.js';

/** What a user drew with a smart tool: Label Studio's `params.context` for interactive pre-annotation. */
export interface InteractiveContext {
  result: Prediction['result'];
  annotation_id?: number | string | null;
  draft_id?: number | string | null;
  user_id?: number | string | null;
  [extra: string]: unknown;
}

/**
 * Reads the file behind a task data value (URL, Label Studio upload, cloud storage URI, data URI).
 * `taskId` is the task the value belongs to: Label Studio presigns `s3://…`, `gs://…` and
 * `azure-blob://…` URIs per task. In `predict` and `fit` it may be left out for a value taken from
 * the tasks at hand: the id of the task whose data holds the value is used.
 *
 * @example
 * const bytes = await ctx.readData(String(task.data.image), { taskId: task.id, signal: ctx.signal });
 */
export type DataReader = (
  value: string,
  options?: { signal?: AbortSignal | undefined; taskId?: string | number | undefined },
) => Promise<Buffer>;

/** Everything `predict` may use. `model` is the project's current trained model, if any. */
export interface PredictContext<M> {
  project: ProjectId;
  labelInterface: LabelInterface;
  /** The loaded current version, or `undefined` while the project has none (cold start). */
  model: M | undefined;
  modelVersion: string;
  /** Set for interactive pre-annotation (one task, a user-drawn region). */
  interactive: InteractiveContext | undefined;
  /** `params` of the /predict body, minus credentials. */
  params: Record<string, unknown>;
  state: ProjectState;
  readData: DataReader;
  log: Logger;
  signal: AbortSignal;
}

/** Everything `fit` may use. `annotations` is the training set: every labeled task so far. */
export interface FitContext<M> {
  project: ProjectId;
  /** The event that triggered this run (the last one, when a burst was coalesced). */
  event: TrainingEvent;
  labelInterface: LabelInterface | undefined;
  annotations: LabeledTask[];
  /** The model of the current version, to continue from (online learning). */
  previous: M | undefined;
  state: ProjectState;
  readData: DataReader;
  log: Logger;
  /**
   * Label Studio's API when its URL and token are known (env or /setup): e.g. pull every
   * labeled task on START_TRAINING with `labelStudio.labeledTasks(project)`.
   */
  labelStudio: LabelStudioApi | undefined;
  /** Reports progress in [0, 1]; shown by `GET /jobs/:id` and in the logs. */
  progress: (fraction: number) => Promise<void>;
  signal: AbortSignal;
  /**
   * Leaves one training example out, with the reason (its data cannot be read, its answer is
   * not usable): training goes on without it, and the job's result lists it under `skipped`.
   */
  skip(example: LabeledTask, reason: unknown): void;
  /**
   * Runs `read` on every training example, a few at once, in order. An example whose `read`
   * throws (an unreadable image, a URL that answers 404) is skipped as by {@link skip}, never
   * fatal to the run; one that returns `undefined` is left out silently (e.g. a task without an
   * answer for this control). Returns what the others returned.
   *
   * Runs over `ctx.annotations` unless `options.examples` gives another list (e.g. the one
   * {@link trainingSetWithLabelStudio} returns).
   *
   * @example
   * const texts = await ctx.mapExamples(async ({ task }) => ctx.readData(String(task.data.url)));
   */
  mapExamples<T>(
    read: (example: LabeledTask) => T | undefined | Promise<T | undefined>,
    options?: { concurrency?: number; examples?: readonly LabeledTask[] },
  ): Promise<T[]>;
}

/** What `init` may use: it runs once per process, before the first request or job. */
export interface InitContext {
  log: Logger;
  /** Aborted when the process stops while `init` still runs. */
  signal: AbortSignal;
}

/** The outcome of a training run. A `skipped` run leaves the current version live. */
export type FitResult<M> =
  | {
      status: 'trained';
      model: M;
      /** Metrics to keep beside the version (accuracy, loss, …). */
      metrics?: Record<string, number>;
      trainingSetSize?: number;
    }
  | { status: 'skipped'; reason: string };

/** Called on `/setup` and `/validate`: throw `LsmlError('UNSUPPORTED_CONFIG', …)` if the config is unusable. */
export interface SetupContext {
  project: ProjectId | undefined;
  labelInterface: LabelInterface;
  log: Logger;
}

/**
 * A Label Studio ML backend. Implement `predict`; add `fit` to learn from annotations.
 * `M` is your model's in-memory type. It is saved after every `fit` through `save` (default:
 * JSON) and loaded through `load` in every process that predicts.
 *
 * @example
 * export default defineBackend<{ counts: Record<string, number> }>({
 *   name: 'majority',
 *   predict(tasks, { labelInterface, model }) {
 *     const control = labelInterface.findControl({ type: 'choices' });
 *     return tasks.map(() => ({ result: [] }));
 *   },
 *   fit({ annotations }) {
 *     return { status: 'trained', model: { counts: {} }, trainingSetSize: annotations.length };
 *   },
 * });
 */
export interface Backend<M = unknown> {
  /** Shown as `model_class` on /health and used as the model version prefix. */
  name: string;
  /**
   * Loads what every project shares (a pretrained model, a tokenizer), once per process,
   * before the server listens or the worker takes a job. A throw stops the process with its
   * message: a model that cannot load is reported at start, not on the first request.
   */
  init?(ctx: InitContext): void | Promise<void>;
  setup?(ctx: SetupContext): void | Promise<void>;
  /** One prediction per task, in task order. */
  predict(tasks: Task[], ctx: PredictContext<M>): Prediction[] | Promise<Prediction[]>;
  fit?(ctx: FitContext<M>): FitResult<M> | Promise<FitResult<M>>;
  /** Writes a trained model's artifacts. Default: `model.json`. */
  save?(model: M, artifacts: ArtifactWriter): void | Promise<void>;
  /** Reads a stored version back. Default: `model.json`. */
  load?(artifacts: ArtifactReader): M | Promise<M>;
}

/** Identity helper that gives a backend object its types. */
export function defineBackend<M>(backend: Backend<M>): Backend<M> {
  return backend;
}
