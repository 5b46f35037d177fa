import type { LabeledTask, SkippedExample } from '../contract/types.js';
import { isLsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';

/** Skipped examples a job's result lists at most; the count covers them all. */
const LISTED = 100;

/** The examples a training run left out, and why. */
export class SkippedExamples {
  readonly listed: SkippedExample[] = [];
  count = 0;

  constructor(private readonly log: Logger) {}

  add(example: LabeledTask, reason: unknown): void {
    const text = reasonText(reason);
    this.count += 1;
    if (this.listed.length < LISTED) this.listed.push({ task: example.task.id, reason: text });
    this.log.warn({ task: example.task.id, reason: text }, 'training example skipped');
  }
}

/**
 * `read` over `examples`, `concurrency` at a time, keeping order: a throw skips that example
 * (one unreadable task must not fail every later training of the project), `undefined` leaves
 * it out silently. An abort stops the run.
 */
export async function mapExamples<T>(
  examples: readonly LabeledTask[],
  read: (example: LabeledTask) => T | undefined | Promise<T | undefined>,
  {
    concurrency,
    signal,
    skipped,
  }: { concurrency: number; signal: AbortSignal; skipped: SkippedExamples },
): Promise<T[]> {
  const values = new Array<T | undefined>(examples.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < examples.length) {
      const index = next++;
      const example = examples[index] as LabeledTask;
      signal.throwIfAborted();
      try {
        values[index] = await read(example);
      } catch (error) {
        if (signal.aborted) throw error;
        skipped.add(example, error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, examples.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return values.filter((v): v is T => v !== undefined);
}

function reasonText(reason: unknown): string {
  if (isLsmlError(reason)) return `${reason.code}: ${reason.message}`;
  if (reason instanceof Error) return reason.message || reason.name;
  return String(reason);
}
