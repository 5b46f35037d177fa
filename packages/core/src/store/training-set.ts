import type { LabeledTask } from '../contract/types.js';

type Ref = string | number | undefined;

/** One change to a project's training set: one JSON line of its log. */
export type TrainingRecord =
  | { op: 'put'; item: LabeledTask }
  | { op: 'remove'; annotationId?: Ref; taskId?: Ref }
  // Only in logs written before snapshots existed: /train now writes a snapshot instead.
  | { op: 'replace'; items: LabeledTask[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';

/** A labeled task as the store needs it: a task with an id, and an annotation object. */
export function isLabeledTask(value: unknown): value is LabeledTask {
  return (
    isObject(value) && isObject(value.task) && isId(value.task.id) && isObject(value.annotation)
  );
}

/** True for a line that parses but is no record (damage, or a file that is not ours). */
export function isTrainingRecord(value: unknown): value is TrainingRecord {
  if (!isObject(value)) return false;
  if (value.op === 'put') return isLabeledTask(value.item);
  if (value.op === 'remove') return true;
  return value.op === 'replace' && Array.isArray(value.items) && value.items.every(isLabeledTask);
}

/**
 * A project's training set in memory, keyed by task id (a task's newest annotation wins), with
 * the bytes each item takes on disk: the store compacts when its files outgrow the live set.
 */
export class TrainingSet {
  private readonly entries = new Map<string, { item: LabeledTask; bytes: number }>();
  private live = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the live items take on disk. */
  get bytes(): number {
    return this.live;
  }

  items(): LabeledTask[] {
    return [...this.entries.values()].map((e) => e.item);
  }

  /** Applies `record`, which took `bytes` on disk. */
  apply(record: TrainingRecord, bytes: number): void {
    if (record.op === 'put') this.set(record.item, bytes);
    else if (record.op === 'replace') {
      this.clear();
      const each = bytes / Math.max(1, record.items.length);
      for (const item of record.items) this.set(item, each);
    } else this.remove(record.annotationId, record.taskId);
  }

  private set(item: LabeledTask, bytes: number): void {
    const key = String(item.task.id);
    this.live += bytes - (this.entries.get(key)?.bytes ?? 0);
    this.entries.set(key, { item, bytes });
  }

  private clear(): void {
    this.entries.clear();
    this.live = 0;
  }

  /** By annotation id; by task id only when the annotation id is unknown. */
  private remove(annotationId: Ref, taskId: Ref): void {
    for (const [key, { item, bytes }] of this.entries) {
      const byAnnotation =
        annotationId !== undefined && String(item.annotation.id) === String(annotationId);
      const byTask = annotationId === undefined && taskId !== undefined && key === String(taskId);
      if (byAnnotation || byTask) {
        this.entries.delete(key);
        this.live -= bytes;
      }
    }
  }
}
