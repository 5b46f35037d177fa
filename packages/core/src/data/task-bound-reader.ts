import type { DataReader } from '../contract/backend.js';
import type { Task } from '../contract/types.js';
import { isCloudStorageUri } from './task-data-resolver.js';

/**
 * `readData` for one `predict` or `fit` call. Label Studio presigns cloud storage URIs
 * (`s3://…`) per task (`/tasks/<id>/presign/`), so the read needs a task id; a backend that
 * passes only the value gets the id of the task whose data holds it. An explicit `taskId` wins.
 */
export function bindTaskIds(read: DataReader, tasks: () => readonly Task[]): DataReader {
  let ids: Map<string, Task['id']> | undefined;
  return (value, options = {}) => {
    if (options.taskId !== undefined || !isCloudStorageUri(value)) return read(value, options);
    ids ??= cloudUrisOf(tasks());
    const taskId = ids.get(value.trim());
    return read(value, taskId === undefined ? options : { ...options, taskId });
  };
}

/** Each cloud storage URI in the tasks' data (top-level values) → the first task holding it. */
function cloudUrisOf(tasks: readonly Task[]): Map<string, Task['id']> {
  const ids = new Map<string, Task['id']>();
  for (const task of tasks) {
    for (const value of Object.values(task.data)) {
      if (typeof value === 'string' && isCloudStorageUri(value) && !ids.has(value.trim()))
        ids.set(value.trim(), task.id);
    }
  }
  return ids;
}
