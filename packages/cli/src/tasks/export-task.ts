import type { Task } from '@lsml/core';

/**
 * A task from an export item. Label Studio exports carry `{id, data, …}`; flat import files
 * (`[{"text": "…"}]`) are the data themselves. Tasks without an id get their position in the
 * file, so failures can be reported by something a person can find.
 */
export function toTask(value: unknown, ordinal: number): Task | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const hasData =
    typeof record.data === 'object' && record.data !== null && !Array.isArray(record.data);
  const id = record.id;
  const validId =
    (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== '');
  if (hasData)
    return { ...record, id: validId ? id : ordinal, data: record.data as Record<string, unknown> };
  return { id: ordinal, data: record };
}
