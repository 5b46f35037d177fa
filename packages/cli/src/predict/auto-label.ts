import type { BackendRuntime, LabelInterface, Prediction, Task } from '@lsml/core';
import { toTask } from '../tasks/export-task.js';
import type { ExportItem } from '../tasks/read-tasks.js';
import { batches } from './batches.js';
import { checkDataKeys } from './data-key-check.js';
import { predictBatch } from './predict-batch.js';

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
 * that fails is retried task by task, so one bad task is reported by id and skipped while the
 * rest of its batch is still labeled. Throws a CLIError when the first task has none of the
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
    const outcome = tasks.length > 0 ? await ask(tasks) : undefined;
    const labeled: Record<string, unknown>[] = [];
    const done = (task: Task, result: Prediction | undefined) => {
      labeled.push(labeledTask(task, result));
      summary.labeled++;
      failedInARow = 0;
    };
    if (outcome?.ok) {
      summary.modelVersion = outcome.modelVersion;
      for (const [i, task] of tasks.entries()) done(task, outcome.results[i]);
    } else if (outcome) {
      for (const [i, task] of tasks.entries()) {
        if (summary.gaveUp) {
          summary.tasks -= tasks.length - i; // never tried
          break;
        }
        const single = tasks.length === 1 ? outcome : await ask([task]);
        if (single.ok) {
          summary.modelVersion = single.modelVersion;
          done(task, single.results[0]);
        } else fail({ id: task.id, message: single.message });
      }
    }
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
