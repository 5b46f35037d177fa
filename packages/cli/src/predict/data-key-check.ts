import type { LabelInterface, Task } from '@lsml/core';
import { CLIError } from '../cli-error.js';

/** Label Studio's key for data imported as bare values: any single key matches it. */
const ANY_KEY = 'undefined$';

/**
 * Fails when `task` holds none of the data keys the label config reads (`$text` → `text`):
 * the config belongs to another project, and every task would fail (or be labeled from
 * nothing). Checked on the first task only; Label Studio's import gives a project's tasks the
 * same keys.
 */
export function checkDataKeys(labelInterface: LabelInterface, task: Task): void {
  const keys = [
    ...new Set(labelInterface.objects.flatMap((o) => (o.dataKey === undefined ? [] : [o.dataKey]))),
  ];
  if (keys.length === 0 || keys.includes(ANY_KEY)) return;
  if (keys.some((key) => Object.hasOwn(task.data, key))) return;
  const has = Object.keys(task.data);
  throw new CLIError(
    'DATA_KEY_MISMATCH',
    `Task ${String(task.id)} has none of the data keys the label config reads: it reads ${keys.map((k) => `$${k}`).join(', ')}, the task has ${has.length > 0 ? has.join(', ') : 'no data'}`,
    `give the --config of the project these tasks were exported from, or change value="$${keys[0] ?? ''}" in it to the task's key`,
  );
}
