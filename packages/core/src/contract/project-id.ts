import { LsmlError } from '../errors/index.js';
import type { ProjectId } from './types.js';

/**
 * Label Studio sends the project as `"12.1700000000"` (id and creation time), as a number, or
 * as an object with an `id` in webhooks. lsml keys every per-project thing by the id alone.
 */
export function toProjectId(project: unknown): ProjectId | undefined {
  if (typeof project === 'number' && Number.isFinite(project)) return String(Math.trunc(project));
  if (typeof project === 'string') {
    const id = project.split('.')[0]?.trim() ?? '';
    return id === '' ? undefined : id;
  }
  if (typeof project === 'object' && project !== null && 'id' in project) {
    return toProjectId(project.id);
  }
  return undefined;
}

/** Project ids become directory names and Redis keys: only safe characters pass. */
export function isSafeProjectId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

/**
 * The project a request names, or undefined when it names none (null, absent, ""). A value
 * that is there but yields no safe id (`{"id": "../x"}`) is a 422 naming `field`: falling
 * back to the `default` project would file its models and training data under the wrong one.
 *
 * @example
 * requestProjectId('12.1700000000', 'project'); // '12'
 * requestProjectId({ id: '../x' }, 'project'); // throws VALIDATION_FAILED
 */
export function requestProjectId(value: unknown, field: string): ProjectId | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const id = toProjectId(value);
  if (id !== undefined && isSafeProjectId(id)) return id;
  throw new LsmlError(
    'VALIDATION_FAILED',
    `Invalid request body: ${field}=${JSON.stringify(value).slice(0, 80)} names no project; ` +
      'send "<id>.<created_at>", a number or {"id": …}, with an id of letters, digits, "_" and "-"',
  );
}
