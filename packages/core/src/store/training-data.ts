import type { Annotation, LabeledTask, ProjectId, Task } from '../contract/types.js';

/**
 * The annotations received so far, per project, keyed by task id: the training set a backend
 * fits on without calling Label Studio. A task's newest annotation wins.
 */
export interface TrainingDataStore {
  /** Adds or replaces the annotation of `task`. */
  put(project: ProjectId, items: LabeledTask[]): Promise<void>;
  /** Removes by annotation id (or by task id when the annotation id is unknown). */
  remove(
    project: ProjectId,
    refs: { annotationId?: string | number | undefined; taskId?: string | number | undefined }[],
  ): Promise<void>;
  /** Replaces the whole set (legacy /train bodies). */
  replace(project: ProjectId, items: LabeledTask[]): Promise<void>;
  all(project: ProjectId): Promise<LabeledTask[]>;
  count(project: ProjectId): Promise<number>;
}

/** Builds a training example from a task and annotation as Label Studio sends them. */
export function labeledTask(task: Task, annotation: Annotation): LabeledTask {
  return { task, annotation };
}
