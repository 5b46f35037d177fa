import type { Task } from '@lsml/core';

/**
 * True when `task` already holds a prediction of `version`: Label Studio's own rule for which
 * tasks to send a backend (one prediction per task and model version), and what makes an
 * interrupted pre-labeling run resume where it stopped.
 */
export function hasPredictionOf(task: Task, version: string): boolean {
  const versions = task.predictions_model_versions;
  if (Array.isArray(versions) && versions.includes(version)) return true;
  return (task.predictions ?? []).some(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      (p as { model_version?: unknown }).model_version === version,
  );
}
