import type { Prediction, Task } from '@lsml/core';
import type { BatchOutcome } from './predict-batch.js';

/** What became of one task: its prediction, or why it has none. */
export type TaskOutcome =
  | { task: Task; ok: true; prediction: Prediction | undefined }
  | { task: Task; ok: false; message: string };

/**
 * Predicts `tasks` with one call; when that call fails, once per task, so one bad task fails
 * alone while the rest of its batch is still labeled (Label Studio does the same when a batch
 * answer does not fit). Each outcome goes to `each` as soon as it is known, in task order;
 * `stop()` is asked before each single call, and tasks after it are never tried. Resolves to
 * the model version the backend answered, if any call succeeded.
 */
export async function predictOrSplit(
  ask: (tasks: Task[]) => Promise<BatchOutcome>,
  tasks: Task[],
  each: (outcome: TaskOutcome) => void,
  stop: () => boolean = () => false,
): Promise<string | undefined> {
  if (tasks.length === 0) return undefined;
  const batch = await ask(tasks);
  if (batch.ok) {
    tasks.forEach((task, i) => {
      each({ task, ok: true, prediction: batch.results[i] });
    });
    return batch.modelVersion;
  }
  let modelVersion: string | undefined;
  for (const task of tasks) {
    if (stop()) break;
    const single = tasks.length === 1 ? batch : await ask([task]);
    if (single.ok) {
      modelVersion = single.modelVersion;
      each({ task, ok: true, prediction: single.results[0] });
    } else each({ task, ok: false, message: single.message });
  }
  return modelVersion;
}
