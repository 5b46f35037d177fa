/** A task given whole; a project may instead give a count and a `data(index)` function. */
export interface FakeTaskSpec {
  data: Record<string, unknown>;
  annotations?: unknown[];
}

/** An ML backend connected to a project (`GET /api/ml?project=`), as Label Studio lists it. */
export interface FakeMlBackend {
  id?: number;
  url: string;
  title?: string;
  /** `CO` connected, `DI` disconnected, `ER` error, `TR` training, `PR` predicting. Default: see {@link FakeLabelStudioOptions.docker}. */
  state?: 'CO' | 'DI' | 'ER' | 'TR' | 'PR';
  auth_method?: 'NONE' | 'BASIC_AUTH';
  basic_auth_user?: string | null;
  is_interactive?: boolean;
  model_version?: string;
  error_message?: string | null;
}

/** A project webhook (`GET /api/webhooks?project=`). */
export interface FakeWebhook {
  id?: number;
  url: string;
  send_payload?: boolean;
  send_for_all_actions?: boolean;
  is_active?: boolean;
  headers?: Record<string, string>;
  actions?: string[];
}

export interface FakeProjectOptions {
  id: number;
  title?: string;
  labelConfig: string;
  /** A task count (each task's data from `data(index)`), or the tasks themselves. Default 0. */
  tasks?: number | FakeTaskSpec[];
  /** The data of task `index` (0-based) when `tasks` is a count. Default `{ text: 'task <index>' }`. */
  data?: (index: number) => Record<string, unknown>;
  /** The annotations of task `index` when `tasks` is a count. Default none. */
  annotations?: (index: number) => unknown[];
  mlBackends?: FakeMlBackend[];
  webhooks?: FakeWebhook[];
  /** "Show predictions to annotators in the Label Stream and Quick View". Default true. */
  showCollabPredictions?: boolean;
  /** "Retrieve predictions when loading a task automatically". Default false. */
  evaluatePredictionsAutomatically?: boolean;
  createdAt?: string;
}

/** A prediction as the fake stores and lists it. */
export interface FakePrediction {
  id: number;
  task: number;
  project: number;
  result: unknown;
  score: number | null;
  model_version: string;
}

/** One project's tasks, predictions and integrations; tasks own ids `firstTaskId …`. */
export class FakeProject {
  readonly id: number;
  readonly count: number;
  readonly options: FakeProjectOptions;
  /** Task id → its predictions; tasks without predictions have no entry (large projects stay small). */
  readonly predictions = new Map<number, FakePrediction[]>();

  constructor(
    options: FakeProjectOptions,
    readonly firstTaskId: number,
  ) {
    this.options = options;
    this.id = options.id;
    this.count = typeof options.tasks === 'number' ? options.tasks : (options.tasks ?? []).length;
  }

  hasTask(id: number): boolean {
    return Number.isInteger(id) && id >= this.firstTaskId && id < this.firstTaskId + this.count;
  }

  /** Task `id` serialized as the Data Manager's tasks API does with `fields=all`. */
  task(id: number): Record<string, unknown> {
    const index = id - this.firstTaskId;
    const given = Array.isArray(this.options.tasks) ? this.options.tasks[index] : undefined;
    const data = given?.data ?? (this.options.data ?? defaultData)(index);
    const annotations = given?.annotations ?? this.options.annotations?.(index) ?? [];
    const predictions = this.predictions.get(id) ?? [];
    return {
      id,
      data,
      meta: {},
      project: this.id,
      annotations,
      predictions: predictions.map((p) => ({ ...p, created_ago: '0 minutes' })),
      predictions_model_versions: [...new Set(predictions.map((p) => p.model_version))],
      total_annotations: annotations.length,
      total_predictions: predictions.length,
      is_labeled: annotations.length > 0,
    };
  }

  addPrediction(prediction: FakePrediction): void {
    const list = this.predictions.get(prediction.task) ?? [];
    list.push(prediction);
    this.predictions.set(prediction.task, list);
  }

  /** `GET /api/projects/:id`. */
  serialize(): Record<string, unknown> {
    return {
      id: this.id,
      title: this.options.title ?? `Project ${this.id}`,
      label_config: this.options.labelConfig,
      created_at: this.options.createdAt ?? '2024-04-08T15:52:07.000000Z',
      task_number: this.count,
      show_collab_predictions: this.options.showCollabPredictions ?? true,
      evaluate_predictions_automatically: this.options.evaluatePredictionsAutomatically ?? false,
      model_version: '',
    };
  }
}

function defaultData(index: number): Record<string, unknown> {
  return { text: `task ${index}` };
}
