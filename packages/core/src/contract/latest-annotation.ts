import type { Annotation, Task } from './types.js';

/**
 * The annotation a task teaches: its newest one (Label Studio lists them oldest first) that was
 * not cancelled (a skipped task teaches nothing) and has a `result` list. `undefined` for a
 * task without one. Task JSON from exports or the API is untrusted, so shapes are checked.
 *
 * @example
 * const annotation = latestAnnotation(task);
 * if (annotation) examples.push({ task, annotation });
 */
export function latestAnnotation(task: Pick<Task, 'annotations'>): Annotation | undefined {
  const annotations: unknown = task.annotations;
  if (!Array.isArray(annotations)) return undefined;
  for (let i = annotations.length - 1; i >= 0; i--) {
    const a: unknown = annotations[i];
    if (typeof a !== 'object' || a === null) continue;
    const { result, was_cancelled } = a as Partial<Annotation>;
    if (Array.isArray(result) && was_cancelled !== true) return a as Annotation;
  }
  return undefined;
}
