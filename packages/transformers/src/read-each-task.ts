import type { Logger, Task } from '@lsml/core';
import { mapLimited } from './map-limited.js';

/**
 * Runs `read` on every task, at most `concurrency` at once, in order: the reads that come
 * before one batched model call. One unreadable task must not sink a batch: it gets `undefined`
 * and a warning naming it. A single-task request (what Label Studio sends when a person opens a
 * task) throws instead, so they see why; an aborted request fails as a whole. The same rule as
 * core's `predictEachTask`.
 *
 * @example
 * const images = await readEachTask(tasks, (task) => readTaskImage(task, 'image', ctx.readData), { log: ctx.log });
 */
export async function readEachTask<T>(
  tasks: readonly Task[],
  read: (task: Task) => Promise<T>,
  options: { log: Logger; signal?: AbortSignal; concurrency?: number },
): Promise<(T | undefined)[]> {
  const { log, signal, concurrency = 8 } = options;
  return mapLimited(tasks, concurrency, async (task) => {
    try {
      return await read(task);
    } catch (error) {
      if (signal?.aborted === true || tasks.length === 1) throw error;
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ task: task.id, err: error }, `task left without a prediction: ${message}`);
      return undefined;
    }
  });
}
