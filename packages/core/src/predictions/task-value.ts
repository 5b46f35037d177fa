import type { ObjectTag } from '../label-config/index.js';
import type { Task } from '../contract/types.js';

/** Label Studio's placeholder key when data was imported as bare values, not objects. */
const UNDEFINED_KEY = 'undefined$';

/**
 * The data an object tag shows for a task: `task.data[key]` for `value="$key"`. With
 * `$undefined$`, the task's only data value (whatever its key); a literal `value` is returned
 * as is.
 *
 * @example
 * taskValue({ id: 1, data: { text: 'hi' } }, li.object('text')!); // 'hi'
 */
export function taskValue(
  task: Pick<Task, 'data'>,
  object: Pick<ObjectTag, 'value' | 'dataKey'>,
): unknown {
  const key = object.dataKey;
  if (key === undefined) return object.value;
  const data = task.data;
  if (Object.hasOwn(data, key)) return data[key];
  if (key === UNDEFINED_KEY) {
    const values = Object.values(data);
    return values.length === 1 ? values[0] : undefined;
  }
  return undefined;
}
