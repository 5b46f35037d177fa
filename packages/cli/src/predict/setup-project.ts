import type { LsmlService } from '@lsml/core';
import { CLIError } from '../cli-error.js';

/**
 * Calls the backend's own `/setup` in-process, as Label Studio does before predicting, so a
 * label config the backend cannot use fails once, before any task is read, with its reason.
 */
export async function setupProject(
  app: LsmlService<unknown>['app'],
  project: string,
  labelConfig: string | undefined,
  configName: string,
): Promise<void> {
  const response = await app.request('/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ project, ...(labelConfig ? { schema: labelConfig } : {}) }),
  });
  if (response.ok) return;
  const body = (await response.json().catch(() => ({}))) as { error?: string; code?: string };
  throw new CLIError(
    'BAD_LABEL_CONFIG',
    `The backend rejects the label config of ${configName}: ${body.error ?? `HTTP ${String(response.status)}`}`,
    'give a --config this backend supports (see its README), or pick the backend made for this project',
  );
}
