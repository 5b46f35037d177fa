import { isLsmlError, LsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';
import type { Prediction, Task } from '../contract/types.js';

export interface EachTaskOptions {
  log: Logger;
  /** Most tasks in flight at once (their data reads overlap; model calls queue anyway). */
  concurrency: number;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `predictOne` for every task so that one bad task does not sink the batch. A task that
 * fails gets an empty prediction and a warning naming it and the reason; when it is the only
 * task, its error is thrown instead (a 4xx/5xx naming the task), because Label Studio shows that
 * message to the person who asked. An aborted request still fails as a whole.
 */
export async function predictEachTask(
  tasks: readonly Task[],
  options: EachTaskOptions,
  predictOne: (task: Task) => Promise<Prediction>,
): Promise<Prediction[]> {
  const predictions = new Array<Prediction>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const task = tasks[index] as Task;
      try {
        predictions[index] = await predictOne(task);
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        const failure = namingTask(task, error);
        if (tasks.length === 1) throw failure;
        options.log.warn(
          { task: task.id, code: failure.code, err: error },
          `prediction failed, task left without one: ${failure.message}`,
        );
        predictions[index] = { result: [] };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, tasks.length)) }, lane),
  );
  return predictions;
}

/** The error as an LsmlError whose message starts with the task id (code and status kept). */
export function namingTask(task: Task, error: unknown): LsmlError {
  const prefix = `Task ${String(task.id)}: `;
  if (isLsmlError(error)) {
    if (error.message.startsWith(prefix)) return error;
    return new LsmlError(error.code, prefix + error.message, {
      cause: error,
      details: { ...error.details, task: task.id },
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new LsmlError('BACKEND_ERROR', prefix + reason, {
    cause: error,
    details: { task: task.id },
  });
}
