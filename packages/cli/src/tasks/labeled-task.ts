import type { Annotation, LabeledTask } from '@lsml/core';
import { toTask } from './export-task.js';

/**
 * The training example an exported task makes: the task with its newest annotation that was
 * not cancelled (skipped tasks teach nothing), or undefined for an unlabeled task.
 */
export function labeledTaskFrom(value: unknown, ordinal: number): LabeledTask | undefined {
  const task = toTask(value, ordinal);
  if (!task || !Array.isArray(task.annotations)) return undefined;
  // Export content is untrusted JSON: check the shape rather than trusting the Task type.
  const candidates: unknown[] = task.annotations;
  const annotation = candidates.findLast(
    (a): a is Annotation =>
      typeof a === 'object' &&
      a !== null &&
      Array.isArray((a as { result?: unknown }).result) &&
      (a as { was_cancelled?: unknown }).was_cancelled !== true,
  );
  if (!annotation) return undefined;
  const { annotations: _annotations, predictions: _predictions, ...rest } = task;
  return { task: { ...rest, annotations: [annotation] }, annotation };
}
