import {
  answerKeys,
  trainingSetWithLabelStudio,
  type FitContext,
  type LabeledTask,
  type RegionResult,
} from '@lsml/core';
import type { LabeledText } from '@lsml/text';
import { taskText, type TextChoices } from './text-binding.js';

/**
 * The training set for `binding`: one example per annotated task (not cancelled) whose
 * annotation answers the Choices control, with its labels as label keys (an annotation saved
 * with a choice's value where the config now gives an alias counts under the alias). On Start
 * Training it also reads the labeled tasks Label Studio lists. A task whose text cannot be read
 * is skipped and listed in the job's result, never fatal to the run.
 */
export function trainingExamples(
  ctx: Pick<
    FitContext<unknown>,
    'annotations' | 'event' | 'labelStudio' | 'project' | 'log' | 'mapExamples' | 'readData'
  >,
  binding: TextChoices,
): Promise<LabeledText[]> {
  return trainingSetWithLabelStudio(ctx).then((examples) =>
    ctx.mapExamples(
      async ({ task, annotation }: LabeledTask) => {
        if (annotation.was_cancelled === true || !answers(annotation.result, binding)) return;
        const labels = answerKeys(annotation, binding.control);
        if (labels.length === 0 && !binding.multiple) return;
        return { text: await taskText(task, binding.object, ctx.readData), labels };
      },
      { examples },
    ),
  );
}

/** Whether an annotation holds an answer for the control (in multiple mode, "none of them" is one). */
function answers(result: unknown, binding: TextChoices): boolean {
  // Annotations arrive as any JSON: a malformed entry answers nothing.
  return (
    Array.isArray(result) &&
    result.some((entry: unknown) => {
      const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<RegionResult>;
      return r.from_name === binding.control.name && r.type === 'choices';
    })
  );
}

/** How many examples each label has (first label only in single-choice mode). */
export function examplesPerLabel(
  examples: readonly LabeledText[],
  multiple: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { labels } of examples) {
    for (const label of multiple ? labels : labels.slice(0, 1)) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return counts;
}
