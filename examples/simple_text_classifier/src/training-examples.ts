import type { DataReader, LabeledTask } from '@lsml/core';
import type { LabeledText } from '@lsml/text';
import { taskText, type TextChoices } from './text-binding.js';

/**
 * The training set for `binding`: one example per annotated task (not cancelled) whose
 * annotation answers the Choices control, with the chosen labels that are in the config.
 */
export async function trainingExamples(
  annotations: readonly LabeledTask[],
  binding: TextChoices,
  readData: DataReader,
): Promise<LabeledText[]> {
  const known = new Set(binding.labels);
  const examples: LabeledText[] = [];
  for (const { task, annotation } of annotations) {
    if (annotation.was_cancelled === true) continue;
    const answer = annotation.result.find(
      (r) => r.from_name === binding.control.name && r.type === 'choices',
    );
    const choices = answer?.value.choices;
    if (!Array.isArray(choices)) continue;
    const labels = choices.filter((c): c is string => typeof c === 'string' && known.has(c));
    if (labels.length === 0 && !binding.multiple) continue;
    examples.push({ text: await taskText(task, binding.object, readData), labels });
  }
  return examples;
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
