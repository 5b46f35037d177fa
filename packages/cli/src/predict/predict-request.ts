import type { LsmlService, Prediction, Task } from '@lsml/core';

/** The answer for one batch: a prediction (or several) per task, or why the batch failed. */
export type BatchOutcome =
  | { ok: true; results: (Prediction | Prediction[])[]; modelVersion: string }
  | { ok: false; message: string };

/**
 * Sends `tasks` through the backend's own `/predict` route in-process, so offline labeling gets
 * the server's validation, version stamping and error messages: no socket, no copy of the logic.
 */
export async function predictRequest(
  app: LsmlService<unknown>['app'],
  tasks: Task[],
  project: string,
  labelConfig: string | undefined,
): Promise<BatchOutcome> {
  const response = await app.request('/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Bytes, not a string: a string body is first rescanned for lone surrogates by undici.
    body: Buffer.from(
      JSON.stringify({ tasks, project, ...(labelConfig ? { label_config: labelConfig } : {}) }),
    ),
  });
  const body = (await response.json()) as {
    results?: (Prediction | Prediction[])[];
    model_version?: string;
    error?: string;
  };
  if (!response.ok || !Array.isArray(body.results)) {
    return { ok: false, message: body.error ?? `HTTP ${response.status}` };
  }
  return { ok: true, results: body.results, modelVersion: body.model_version ?? '' };
}
