import type { LabelStudioClient, Prediction, PredictionImport, Task, TaskPage } from '@lsml/core';
import { GIVE_UP_AFTER, type TaskFailure } from '../predict/auto-label.js';
import { predictOrSplit } from '../predict/predict-or-split.js';
import { BoundedPool } from './bounded-pool.js';
import type { PredictTarget } from './predict-target.js';
import type { PredictionSink } from './prediction-sink.js';
import { hasPredictionOf } from './task-versions.js';

export interface PrelabelOptions {
  client: LabelStudioClient;
  projectId: string;
  target: PredictTarget;
  /** What the backend's setup answered: the version the predictions are stored under, and skipped by. */
  modelVersion: string;
  sink: PredictionSink;
  batchSize: number;
  /** Batches in flight at once (predicting or being stored). */
  concurrency: number;
  pageSize: number;
  /** Stops after the batches in flight; a run started again resumes where this one stopped. */
  signal: AbortSignal;
  onFailure(failure: TaskFailure): void;
  onProgress(progress: PrelabelProgress): void;
  /** The backend stamped its predictions with another version than setup answered (told once). */
  onVersionMismatch(predicted: string): void;
}

export interface PrelabelProgress {
  /** Tasks of the project, when Label Studio says. */
  total: number | undefined;
  /** Tasks that already held a prediction of the version. */
  skipped: number;
  /** Tasks predicted and stored. */
  predicted: number;
  failed: number;
}

export interface PrelabelSummary extends PrelabelProgress {
  modelVersion: string;
  interrupted: boolean;
  /** Stopped after {@link GIVE_UP_AFTER} failures in a row with nothing predicted. */
  gaveUp: boolean;
}

/**
 * Pre-labels a whole Label Studio project: pages through its tasks, skips those that already
 * hold a prediction of the model version (Label Studio's own rule, which also makes an
 * interrupted run resume), predicts the rest in batches with bounded concurrency, and stores the
 * predictions. A task that cannot be predicted or stored is counted and reported, never fatal.
 */
export async function prelabel(options: PrelabelOptions): Promise<PrelabelSummary> {
  const summary: PrelabelSummary = {
    total: undefined,
    skipped: 0,
    predicted: 0,
    failed: 0,
    modelVersion: options.modelVersion,
    interrupted: false,
    gaveUp: false,
  };
  const pool = new BoundedPool(options.concurrency);
  let failedInARow = 0;
  let toldMismatch = false;
  const report = () => {
    options.onProgress({ ...summary });
  };
  const fail = (failure: TaskFailure) => {
    summary.failed++;
    failedInARow++;
    options.onFailure(failure);
    if (summary.predicted === 0 && failedInARow >= GIVE_UP_AFTER) summary.gaveUp = true;
  };
  const stopping = () => summary.gaveUp || pool.failed;
  // A function, not a property read: the signal changes while batches are awaited.
  const aborted = () => options.signal.aborted;

  const runBatch = async (tasks: Task[], page: TaskPage) => {
    const predictions: PredictionImport[] = [];
    await predictOrSplit(
      (batch) => options.target.predict(batch),
      tasks,
      (outcome) => {
        if (!outcome.ok) {
          fail({ id: outcome.task.id, message: outcome.message });
          return;
        }
        const version = outcome.prediction?.model_version;
        if (version !== undefined && version !== options.modelVersion && !toldMismatch) {
          toldMismatch = true;
          options.onVersionMismatch(version);
        }
        predictions.push(toImport(outcome.task, outcome.prediction, options.modelVersion));
      },
      stopping,
    );
    const recheck = async () =>
      (await options.client.taskPage(options.projectId, page.page, page.pageSize))?.tasks ?? [];
    const failures = await options.sink.put(predictions, recheck);
    summary.predicted += predictions.length - failures.length;
    if (predictions.length > failures.length) failedInARow = 0;
    for (const failure of failures)
      fail({ id: failure.id, message: `its prediction could not be stored: ${failure.message}` });
    report();
  };

  pages: for await (const page of options.client.taskPages(options.projectId, {
    pageSize: options.pageSize,
  })) {
    summary.total = page.total ?? summary.total;
    if (aborted()) {
      summary.interrupted = true;
      break;
    }
    const todo = page.tasks.filter((task) => !hasPredictionOf(task, options.modelVersion));
    summary.skipped += page.tasks.length - todo.length;
    report();
    for (let i = 0; i < todo.length; i += options.batchSize) {
      if (stopping()) break pages;
      if (aborted()) {
        summary.interrupted = true;
        break pages;
      }
      await pool.run(() => runBatch(todo.slice(i, i + options.batchSize), page));
    }
  }
  await pool.drain();
  return summary;
}

/** The prediction as Label Studio's import takes it, stored under the version setup answered. */
function toImport(
  task: Task,
  prediction: Prediction | undefined,
  version: string,
): PredictionImport {
  const score = prediction?.score;
  return {
    task: task.id,
    result: prediction?.result ?? [],
    ...(typeof score === 'number' && Number.isFinite(score) ? { score } : {}),
    model_version: version,
  };
}
