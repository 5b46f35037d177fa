import type { LabelStudioProject } from '@lsml/core';

/**
 * The `project` Label Studio sends a backend: `"<id>.<created_at in unix seconds>"`, so a
 * backend keys its state by the part before the dot, whatever Label Studio it serves.
 */
export function projectKey(project: LabelStudioProject): string {
  const created = Date.parse(project.created_at ?? '');
  return Number.isNaN(created)
    ? String(project.id)
    : `${String(project.id)}.${String(Math.floor(created / 1000))}`;
}
