import type { BackendRuntime, LabelInterface, Prediction, Task } from '@lsml/core';
import { toTask } from '../tasks/export-task.js';
import type { ExportItem } from '../tasks/read-tasks.js';
import { batches } from './batches.js';
import { checkDataKeys } from './data-key-check.js';
import { predictBatch } from './predict-batch.js';
import { predictOrSplit } from './predict-or-split.js';

/**
 * A run gives up after this many failed tasks in a row before any task is labeled: by then the
 * cause is the backend or its config, not the tasks, and going on would send every remaining
 * task on its own (a failed batch is retried task by task).
 */
export const GIVE_UP_AFTER = 50;

/** A task the backend could not label, and why. */
export interface TaskFailure {
  id: Task['id'];
  message: string;
}

export interface AutoLabelOptions {
  runtime: BackendRuntime<unknown>;
  items: AsyncIterable<ExportItem>;
  project: string;
  labelConfig: string | undefined;
  /** The config in effect: the first task must hold one of its data keys. */
  labelInterface: LabelInterface;
  batchSize: number;
  /** Receives the labeled tasks of each batch, in input order; awaited, so a slow writer slows the reader. */
  write(tasks: Record<string, unknown>[]): Promise<void>;
  onFailure(failure: TaskFailure): void;
  onBatch(done: { tasks: number; failed: number }): void;
  /** Stops after the batch in flight. */
  signal: AbortSignal;
}

export interface AutoLabelSummary {
  tasks: number;
  labeled: number;
  failed: number;
  modelVersion: string | undefined;
  interrupted: boolean;
  /** Stopped after {@link GIVE_UP_AFTER} failures in a row with nothing labeled. */
  gaveUp: boolean;
}

/**
 * Labels a stream of export items in batches through the backend's runtime. A batch
 * that fails is retried task by task ({@link predictOrSplit}), so one bad task is reported by id
 * and skipped while the rest of its batch is still labeled. Throws a CLIError when the first task has none of the
 * config's data keys.
 */
export async function autoLabel(options: AutoLabelOptions): Promise<AutoLabelSummary> {
  const summary: AutoLabelSummary = {
    tasks: 0,
    labeled: 0,
    failed: 0,
    modelVersion: undefined,
    interrupted: false,
    gaveUp: false,
  };
  const ask = (tasks: Task[]) =>
    predictBatch(options.runtime, tasks, options.project, options.labelConfig);
  let failedInARow = 0;
  const fail = (failure: TaskFailure) => {
    summary.failed++;
    failedInARow++;
    options.onFailure(failure);
    if (summary.labeled === 0 && failedInARow >= GIVE_UP_AFTER) summary.gaveUp = true;
  };
  let first = true;

  for await (const items of batches(options.items, options.batchSize)) {
    const tasks: Task[] = [];
    for (const item of items) {
      const task = toTask(item.value, item.ordinal);
      if (task && first) {
        checkDataKeys(options.labelInterface, task);
        first = false;
      }
      if (task) tasks.push(task);
      else
        fail({
          id: item.ordinal,
          message: `item ${item.ordinal} (line ${item.start.line}) is not a task object`,
        });
    }
    summary.tasks += items.length;
    const labeled: Record<string, unknown>[] = [];
    let tried = 0;
    const modelVersion = await predictOrSplit(
      ask,
      tasks,
      (outcome) => {
        tried++;
        if (outcome.ok) {
          labeled.push(labeledTask(outcome.task, outcome.prediction));
          summary.labeled++;
          failedInARow = 0;
        } else fail({ id: outcome.task.id, message: outcome.message });
      },
      () => summary.gaveUp,
    );
    summary.modelVersion = modelVersion ?? summary.modelVersion;
    summary.tasks -= tasks.length - tried; // never tried: the run gave up first
    await options.write(labeled);
    options.onBatch({ tasks: summary.tasks, failed: summary.failed });
    if (summary.gaveUp) break;
    if (options.signal.aborted) {
      summary.interrupted = true;
      break;
    }
  }
  return summary;
}

/**
 * The task as Label Studio imports it: `data`, the new `predictions`, and what it already had
 * that an import keeps (annotations, meta). Export-only fields (ids, timestamps, counters)
 * are left out: Label Studio assigns its own on import.
 */
function labeledTask(task: Task, result: Prediction | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { data: task.data };
  if (Array.isArray(task.annotations) && task.annotations.length > 0)
    out.annotations = task.annotations;
  if (typeof task.meta === 'object' && task.meta !== null && Object.keys(task.meta).length > 0)
    out.meta = task.meta;
  out.predictions = result === undefined ? [] : [result];
  return out;
}
