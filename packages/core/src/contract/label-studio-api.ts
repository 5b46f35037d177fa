import type { Task } from './types.js';

/**
 * Label Studio's API as `fit` sees it, when the backend knows Label Studio's URL and a token
 * (`LABEL_STUDIO_URL` + `LABEL_STUDIO_API_KEY`, or what `/setup` sent).
 *
 * @example
 * if (ctx.labelStudio?.configured()) {
 *   for await (const task of ctx.labelStudio.labeledTasks(ctx.project)) console.log(task.id);
 * }
 */
export interface LabelStudioApi {
  /** True when a Label Studio URL and token are known. */
  configured(): boolean;
  /** The project's label config. */
  labelConfig(project: string): Promise<string>;
  /** Every task of the project with at least one annotation that was not cancelled, page by page. */
  labeledTasks(project: string): AsyncIterable<Task>;
}
