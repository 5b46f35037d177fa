import type { LabeledTask } from '@lsml/core';
import type { Turn } from '../dialogue/dialogue.js';

/** A dialogue and the response the team accepted for it. */
export interface FewShotExample {
  taskId: string;
  turns: Turn[];
  response: string;
}

/** Where the dialogue and the response live in tasks and annotations. */
export interface ResponseBinding {
  /** The TextArea's name (`from_name` of its results). */
  controlName: string;
  /** The task data key of the dialogue. */
  dataKey: string;
}

/**
 * The accepted responses of every labeled task: each non-empty text left in the annotation's
 * TextArea is one example (annotators delete the candidates they reject). Cancelled (skipped)
 * annotations and tasks without a readable dialogue are left out. When there are more than
 * `limit`, the most recent are kept.
 */
export async function collectExamples(
  annotations: readonly LabeledTask[],
  binding: ResponseBinding,
  limit: number,
  loadTurns: (value: unknown, where: string) => Promise<Turn[]>,
): Promise<FewShotExample[]> {
  const examples: FewShotExample[] = [];
  for (const { task, annotation } of annotations) {
    if (annotation.was_cancelled === true) continue;
    let turns: Turn[];
    try {
      turns = await loadTurns(
        task.data[binding.dataKey],
        `task ${task.id} data.${binding.dataKey}`,
      );
    } catch {
      continue;
    }
    for (const result of annotation.result) {
      if (result.from_name !== binding.controlName || result.type !== 'textarea') continue;
      const texts: unknown = result.value.text;
      for (const text of Array.isArray(texts) ? texts : [texts]) {
        if (typeof text === 'string' && text.trim() !== '') {
          examples.push({ taskId: String(task.id), turns, response: text.trim() });
        }
      }
    }
  }
  return examples.slice(-limit);
}
