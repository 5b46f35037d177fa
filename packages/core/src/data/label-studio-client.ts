import { LsmlError } from '../errors/index.js';
import type { Task } from '../contract/types.js';
import { readBodyBounded, requestWithPolicy } from './fetch-to-file.js';
import type { TaskDataResolver } from './task-data-resolver.js';

/**
 * A small Label Studio API client (plain fetch, no SDK) with the resolver's token rules: the
 * token goes to the Label Studio origin only, and every answer is size- and time-bounded.
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

  /** The project's label config (`GET /api/projects/:id`). */
  async labelConfig(projectId: string): Promise<string> {
    const project = (await this.getJson(`api/projects/${encodeURIComponent(projectId)}`)) as {
      label_config?: unknown;
    };
    if (typeof project.label_config !== 'string')
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        `Label Studio sent project ${projectId} without a label_config`,
      );
    return project.label_config;
  }

  /**
   * Every task of the project that has at least one annotation that was not cancelled, with its
   * annotations, page by page (`GET /api/tasks?project=…&fields=all&page=…`), so a large project
   * is never held in memory at once.
   */
  async *labeledTasks(projectId: string): AsyncGenerator<Task> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const query = `api/tasks?project=${encodeURIComponent(projectId)}&fields=all&page=${page}&page_size=${this.pageSize}`;
      let body: { tasks?: Task[]; total?: number };
      try {
        body = (await this.getJson(query)) as { tasks?: Task[]; total?: number };
      } catch (error) {
        // Past the last page Label Studio answers 404.
        if ((error as LsmlError).code === 'DATA_NOT_FOUND' && page > 1) return;
        throw error;
      }
      const tasks = Array.isArray(body) ? (body as Task[]) : (body.tasks ?? []);
      for (const task of tasks) {
        if (
          (task.annotations ?? []).some((a) => a.was_cancelled !== true && Array.isArray(a.result))
        )
          yield task;
      }
      seen += tasks.length;
      if (tasks.length < this.pageSize || (body.total !== undefined && seen >= body.total)) return;
    }
  }

  private async getJson(path: string): Promise<unknown> {
    const base = this.resolver.labelStudioBase();
    if (base === undefined)
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        'LABEL_STUDIO_URL is not set (nor sent by /setup): cannot call the Label Studio API',
      );
    const target = new URL(path, base);
    const policy = this.resolver.policy();
    const controller = new AbortController();
    const { response } = await requestWithPolicy(target, policy, controller);
    // Bounded like a task file: a huge or stalled answer must not hold the worker forever.
    const text = (await readBodyBounded(response, target, policy, controller)).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new LsmlError(
        'DATA_FETCH_FAILED',
        `Label Studio answered ${target.pathname} with something that is not JSON`,
        { cause: error },
      );
    }
  }
}
