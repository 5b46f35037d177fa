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
