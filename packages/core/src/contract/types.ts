/**
 * The Label Studio JSON shapes lsml reads and writes. Fields Label Studio may add later are
 * kept (index signatures), so a backend can read them and nothing is lost on the way through.
 */

/** A project id: the part of Label Studio's `"12.1700000000"` before the dot, e.g. `"12"`. */
export type ProjectId = string;

/** One region or answer in a prediction or annotation `result`. */
export interface RegionResult {
  /** The control tag's `name`. */
  from_name: string;
  /** The object tag's `name` (one of the control's `toName`). */
  to_name: string;
  /** The control tag in lower case: `choices`, `labels`, `rectanglelabels`, … */
  type: string;
  /** Type-specific payload, e.g. `{ choices: ['Positive'] }`. */
  value: Record<string, unknown>;
  /** Region id, so relations and per-region controls can point at it. */
  id?: string;
  score?: number;
  original_width?: number;
  original_height?: number;
  image_rotation?: number;
  [extra: string]: unknown;
}

/**
 * One prediction for one task, as Label Studio imports it.
 *
 * @example
 * const p: Prediction = {
 *   model_version: 'simple_text_classifier-v3',
 *   score: 0.87,
 *   result: [{ from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } }],
 * };
 */
export interface Prediction {
  result: RegionResult[];
  /** Task-level score; Label Studio sorts tasks by it for active learning. */
  score?: number;
  /** Filled by lsml with the project's current version when the backend leaves it out. */
  model_version?: string;
  [extra: string]: unknown;
}

/** An annotation as Label Studio sends it in webhooks, exports and legacy /train bodies. */
export interface Annotation {
  id?: number | string;
  result: RegionResult[];
  was_cancelled?: boolean;
  ground_truth?: boolean;
  task?: number | string | Record<string, unknown>;
  [extra: string]: unknown;
}

/** A Label Studio task: its data, and what annotations and predictions it already has. */
export interface Task {
  id: number | string;
  data: Record<string, unknown>;
  annotations?: Annotation[];
  predictions?: unknown[];
  [extra: string]: unknown;
}

/** A task with the annotation that labels it: one training example. */
export interface LabeledTask {
  task: Task;
  annotation: Annotation;
}

/** The Label Studio webhook actions lsml knows by name; others are accepted too. */
export type WebhookAction =
  | 'ANNOTATION_CREATED'
  | 'ANNOTATION_UPDATED'
  | 'ANNOTATION_DELETED'
  | 'ANNOTATIONS_CREATED'
  | 'ANNOTATIONS_DELETED'
  | 'START_TRAINING'
  | 'TASKS_CREATED'
  | 'TASKS_DELETED'
  | 'PROJECT_UPDATED'
  | (string & {});

/**
 * What started a training run: the Label Studio event's action and the ids it named. The
 * annotations themselves are in the training set (`FitContext.annotations`); the event never
 * carries bodies, so a queued job stays small whatever Label Studio sent.
 *
 * @example
 * if (ctx.event.action === 'START_TRAINING') { ... } // the user pressed Start Training
 */
export interface TrainingEvent {
  action: WebhookAction;
  project: ProjectId;
  /** The annotations the event added or removed, when it named them (the first 100). */
  annotationIds?: (string | number)[] | undefined;
}

/** A skipped training example, as a job's result reports it. */
export interface SkippedExample {
  task: string | number;
  reason: string;
}
