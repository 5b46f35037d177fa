import { isLsmlError, type BackendRuntime, type Prediction, type Task } from '@lsml/core';

/** The answer for one batch: a prediction per task, or why the batch failed. */
export type BatchOutcome =
  { ok: true; results: Prediction[]; modelVersion: string } | { ok: false; message: string };

/**
 * Predicts `tasks` through the runtime, exactly as the server's `/predict` route does (same
 * validation, version stamping and error messages), without encoding a request. A failure is
 * an outcome (the caller retries task by task), not a throw.
 */
export async function predictBatch(
  runtime: BackendRuntime<unknown>,
  tasks: Task[],
  project: string,
  labelConfig: string | undefined,
): Promise<BatchOutcome> {
  try {
    const answer = await runtime.predict(project, tasks, { labelConfig });
    return { ok: true, results: answer.results, modelVersion: answer.modelVersion };
  } catch (error) {
    if (!isLsmlError(error) && !(error instanceof Error)) throw error;
    return { ok: false, message: error.message };
  }
}
