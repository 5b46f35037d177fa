import { LsmlError } from '../errors/index.js';
import type { Task } from '../contract/types.js';
import type { RequestInit } from './fetch-policy.js';
import { readBodyBounded } from './fetch-to-file.js';
import type {
  LabelStudioProject,
  LabelStudioVersion,
  MlBackendInfo,
  PredictionImport,
  TaskPage,
  WebhookInfo,
} from './label-studio-types.js';
import { requestWithPolicy } from './request-with-policy.js';
import type { TaskDataResolver } from './task-data-resolver.js';

/**
 * Label Studio's API (plain fetch, no SDK) with the resolver's rules: the key (either kind) goes
 * to the Label Studio origin only, 429 and 5xx are retried with backoff, and every answer is
 * size- and time-bounded.
 *
 * @example
 * const client = new LabelStudioClient(resolver);
 * for await (const task of client.labeledTasks('12')) console.log(task.id);
 */
export class LabelStudioClient {
  constructor(
    private readonly resolver: TaskDataResolver,
    private readonly pageSize = 100,
  ) {}

  /** True when a Label Studio URL and token are known (env or /setup). */
  configured(): boolean {
    const { url, token } = this.resolver.labelStudio();
    return url !== undefined && token !== undefined;
  }

  /** `GET /api/version` (needs no token). */
  version(): Promise<LabelStudioVersion> {
    return this.request<LabelStudioVersion>('api/version');
  }

  /** `GET /api/current-user/whoami`: the token's user, or DATA_UNAUTHORIZED. */
  whoami(): Promise<{ id?: number; email?: string; username?: string }> {
    return this.request('api/current-user/whoami');
  }

  async project(projectId: string): Promise<LabelStudioProject> {
    const project = await this.request<LabelStudioProject>(
      `api/projects/${encodeURIComponent(projectId)}/`,
    );
    if (typeof project.label_config !== 'string')
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        `Label Studio sent project ${projectId} without a label_config`,
      );
    return project;
  }

  /** The project's label config (`GET /api/projects/:id`). */
  async labelConfig(projectId: string): Promise<string> {
    return (await this.project(projectId)).label_config;
  }

  /**
   * The project's tasks with their annotations and predictions, page by page
   * (`GET /api/tasks?project=…&fields=all&page=…`), so a large project is never held in memory.
   */
  async *taskPages(
    projectId: string,
    options: { pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<TaskPage> {
    const size = options.pageSize ?? this.pageSize;
    let seen = 0;
    for (let page = 1; ; page++) {
      const answer = await this.taskPage(projectId, page, size, options.signal);
      if (answer === undefined) return;
      yield answer;
      seen += answer.tasks.length;
      if (answer.tasks.length < size || (answer.total !== undefined && seen >= answer.total))
        return;
    }
  }

  /** Page `page` (from 1) of the project's tasks, `size` a page; undefined past the last page. */
  async taskPage(
    projectId: string,
    page: number,
    size: number,
    signal?: AbortSignal,
  ): Promise<TaskPage | undefined> {
    const query = `api/tasks/?project=${encodeURIComponent(projectId)}&fields=all&page=${page}&page_size=${size}`;
    let body: Task[] | { tasks?: Task[]; total?: number };
    try {
      body = await this.request(query, signal === undefined ? {} : { signal });
    } catch (error) {
      // Past the last page Label Studio answers 404.
      if ((error as LsmlError).code === 'DATA_NOT_FOUND' && page > 1) return undefined;
      throw error;
    }
    if (Array.isArray(body)) return { tasks: body, total: undefined, page, pageSize: size };
    return { tasks: body.tasks ?? [], total: body.total, page, pageSize: size };
  }

  /** Every task of the project that has at least one annotation that was not cancelled. */
  async *labeledTasks(projectId: string): AsyncGenerator<Task> {
    for await (const { tasks } of this.taskPages(projectId)) {
      for (const task of tasks) {
        if (
          (task.annotations ?? []).some((a) => a.was_cancelled !== true && Array.isArray(a.result))
        )
          yield task;
      }
    }
  }

  /** One task with its predictions (`GET /api/tasks/:id`). */
  task(id: Task['id']): Promise<Task> {
    return this.request(`api/tasks/${encodeURIComponent(String(id))}/`);
  }

  /** The ML backends connected to the project; listing them makes Label Studio check each one. */
  mlBackends(projectId: string): Promise<MlBackendInfo[]> {
    return this.request(`api/ml/?project=${encodeURIComponent(projectId)}`);
  }

  webhooks(projectId: string): Promise<WebhookInfo[]> {
    return this.request(`api/webhooks/?project=${encodeURIComponent(projectId)}`);
  }

  /**
   * Stores predictions in bulk (`POST /api/projects/:id/import/predictions`, Label Studio 1.5+):
   * all or none; one task outside the project refuses the list. Resolves to the count stored.
   */
  async importPredictions(projectId: string, predictions: PredictionImport[]): Promise<number> {
    const answer = await this.request<{ created?: unknown } | undefined>(
      `api/projects/${encodeURIComponent(projectId)}/import/predictions`,
      { method: 'POST', json: predictions },
    );
    return typeof answer?.created === 'number' ? answer.created : predictions.length;
  }

  /** Stores one prediction (`POST /api/predictions/`), where the bulk import is missing or refused. */
  async createPrediction(prediction: PredictionImport): Promise<void> {
    await this.request('api/predictions/', { method: 'POST', json: prediction });
  }

  /** One JSON request to Label Studio, relative to its URL. */
  async request<T>(path: string, init: RequestInit & { signal?: AbortSignal } = {}): Promise<T> {
    const base = this.resolver.labelStudioBase();
    if (base === undefined)
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        'LABEL_STUDIO_URL is not set (nor sent by /setup): cannot call the Label Studio API',
      );
    const target = new URL(path, base);
    const policy = this.resolver.policy(init.signal);
    const controller = new AbortController();
    const onAbort = () => {
      controller.abort(init.signal?.reason);
    };
    init.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { response } = await requestWithPolicy(target, policy, controller, init);
      // Bounded like a task file: a huge or stalled answer must not hold the worker forever.
      const text = (await readBodyBounded(response, target, policy, controller)).toString('utf8');
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new LsmlError(
          'DATA_FETCH_FAILED',
          `Label Studio answered ${target.pathname} with something that is not JSON: is LABEL_STUDIO_URL the Label Studio address (not its web page behind a proxy)?`,
          { cause: error },
        );
      }
    } finally {
      init.signal?.removeEventListener('abort', onAbort);
    }
  }
}
