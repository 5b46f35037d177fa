import { defineBackend, type Backend } from '../../src/index.js';

/** Task text that makes the fuzz backend throw: the one way a fuzzed request may earn a 5xx. */
export const THROW_MARKER = 'FUZZ-BACKEND-THROWS';

const hasMarker = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as { text?: unknown }).text === 'string' &&
  (data as { text: string }).text.includes(THROW_MARKER);

/**
 * A backend that never fails on its own (empty predictions, a counter as its model), except
 * when a task's `data.text` holds {@link THROW_MARKER}: then `predict` and `fit` throw, as a
 * user's broken model would. Any other 5xx is lsml's fault.
 */
export function fuzzBackend(): Backend<{ fits: number }> {
  return defineBackend<{ fits: number }>({
    name: 'fuzz',
    predict(tasks) {
      for (const task of tasks) {
        if (hasMarker(task.data))
          throw new Error(`the fuzz backend refuses task ${String(task.id)}`);
      }
      return tasks.map(() => ({ result: [] }));
    },
    fit({ annotations, previous }) {
      if (annotations.some((a) => hasMarker(a.task.data)))
        throw new Error('the fuzz backend refuses to train on a marked task');
      return { status: 'trained', model: { fits: (previous?.fits ?? 0) + 1 } };
    },
  });
}
