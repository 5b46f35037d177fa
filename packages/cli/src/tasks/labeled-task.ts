import { latestAnnotation, type LabeledTask } from '@lsml/core';
import { toTask } from './export-task.js';

/**
 * The training example an exported task makes: the task with its newest annotation that was
 * not cancelled (skipped tasks teach nothing), or undefined for an unlabeled task.
 */
export function labeledTaskFrom(value: unknown, ordinal: number): LabeledTask | undefined {
  const task = toTask(value, ordinal);
  const annotation = task && latestAnnotation(task);
  if (!task || !annotation) return undefined;
  const { annotations: _annotations, predictions: _predictions, ...rest } = task;
  return { task: { ...rest, annotations: [annotation] }, annotation };
}
