import {
  isLsmlError,
  upstreamStatus,
  type LabelStudioClient,
  type PredictionImport,
} from '@lsml/core';
import { CLIError } from '../cli-error.js';
import type { PredictionSink, Recheck, StoreFailure } from './prediction-sink.js';
import { hasPredictionOf } from './task-versions.js';

/** Tries at storing one batch before its tasks are reported as failed. */
const ATTEMPTS = 3;

/**
 * Posts predictions to a Label Studio project: in bulk (`/api/projects/:id/import/predictions`),
 * falling back to one request per prediction where the bulk import is missing (an older Label
 * Studio: 404) or refuses the list (one bad item refuses all: 400). After an answer that leaves
 * it unknown whether Label Studio stored them (500, 502, 504, a dropped connection) it reads the
 * tasks again and posts only what is missing: a prediction is never stored twice.
 */
export class LabelStudioSink implements PredictionSink {
  private bulk = true;
  readonly destination: string;

  constructor(
    private readonly client: LabelStudioClient,
    private readonly project: string,
    url: string,
  ) {
    this.destination = `${url.replace(/\/+$/, '')}/projects/${project}`;
  }

  async put(predictions: PredictionImport[], recheck: Recheck): Promise<StoreFailure[]> {
    let pending = predictions;
    for (let attempt = 1; this.bulk && pending.length > 0; attempt++) {
      try {
        await this.client.importPredictions(this.project, pending);
        return [];
      } catch (error) {
        const status = upstreamStatus(error);
        refuseAccess(error, status);
        if (status === 404) this.bulk = false;
        else if (status === 400) break;
        else if (!ambiguous(error) || attempt >= ATTEMPTS) return failAll(pending, error);
        else {
          const left = await unstored(pending, recheck, error);
          if ('failures' in left) return left.failures;
          pending = left.pending;
        }
      }
    }
    const failures: StoreFailure[] = [];
    for (const prediction of pending) {
      const failure = await this.postOne(prediction, recheck);
      if (failure !== undefined) failures.push(failure);
    }
    return failures;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async postOne(
    prediction: PredictionImport,
    recheck: Recheck,
  ): Promise<StoreFailure | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.createPrediction(prediction);
        return undefined;
      } catch (error) {
        refuseAccess(error, upstreamStatus(error));
        if (!ambiguous(error) || attempt >= ATTEMPTS) return failAll([prediction], error)[0];
        const left = await unstored([prediction], recheck, error);
        if ('failures' in left) return left.failures[0];
        if (left.pending.length === 0) return undefined; // stored after all
      }
    }
  }
}

/** The predictions whose tasks do not hold their version now; all failed when the tasks cannot be read. */
async function unstored(
  predictions: PredictionImport[],
  recheck: Recheck,
  error: unknown,
): Promise<{ pending: PredictionImport[] } | { failures: StoreFailure[] }> {
  let tasks;
  try {
    tasks = new Map((await recheck()).map((task) => [task.id, task]));
  } catch (readError) {
    return {
      failures: failAll(
        predictions,
        new Error(`${message(error)}; reading the tasks back failed too: ${message(readError)}`),
      ),
    };
  }
  return {
    pending: predictions.filter((p) => {
      const task = tasks.get(p.task);
      return task === undefined || !hasPredictionOf(task, p.model_version);
    }),
  };
}

/** True when Label Studio may have acted before failing, so sending again could store twice. */
function ambiguous(error: unknown): boolean {
  const status = upstreamStatus(error);
  if (status !== undefined) return status >= 500;
  return (
    isLsmlError(error) && (error.code === 'DATA_FETCH_FAILED' || error.code === 'DATA_TIMEOUT')
  );
}

/** A token that may not write is no per-task failure: every task would fail the same way. */
function refuseAccess(error: unknown, status: number | undefined): void {
  if (status === 401 || status === 403)
    throw new CLIError(
      'LABEL_STUDIO_REFUSED',
      `Label Studio refused to store predictions: ${message(error)}`,
      "use the token of a user who can change the project (an annotator's cannot)",
      { cause: error },
    );
}

function failAll(predictions: PredictionImport[], error: unknown): StoreFailure[] {
  return predictions.map((p) => ({ id: p.task, message: message(error) }));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
