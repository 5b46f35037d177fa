import { LsmlError } from '@lsml/core';

export interface InferenceQueueOptions<I, O> {
  /** Runs the model on a batch; must return one output per input, in order. */
  run: (batch: I[]) => Promise<O[]>;
  /** Most inputs per `run` call. */
  batchSize: number;
  /** Most `run` calls in flight at once. */
  concurrency: number;
}

/** Counters for benchmarks and metrics: how often and how long the model ran. */
export interface InferenceStats {
  calls: number;
  items: number;
  /** Wall time inside `run`, summed over calls. */
  modelMs: number;
}

/**
 * Every queue of the process together: what a benchmark or a metric reads without holding the
 * backend's queue (a backend keeps its model to itself).
 */
export const inferenceTotals: InferenceStats = { calls: 0, items: 0, modelMs: 0 };

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
}

/**
 * Bounded, batched inference shared by every request of a process: inputs queue up, at most
 * `concurrency` model calls run at once, and each call takes up to `batchSize` waiting inputs.
 * So a 64-task /predict runs as 8 calls of 8 (by default) instead of 64 parallel inferences
 * fighting over the cores, and concurrent requests share batches. Inputs whose request was
 * aborted are dropped before they reach the model.
 *
 * @example
 * const queue = new InferenceQueue({ batchSize: 8, concurrency: 1, run: (images) => embed(images) });
 * const outputs = await queue.runAll(images, ctx.signal);
 */
export class InferenceQueue<I, O> {
  readonly stats: InferenceStats = { calls: 0, items: 0, modelMs: 0 };
  private readonly waiting: Pending<I, O>[] = [];
  private running = 0;
  private pumpScheduled = false;

  constructor(private readonly options: InferenceQueueOptions<I, O>) {
    if (options.batchSize < 1 || options.concurrency < 1)
      throw new LsmlError('INTERNAL', 'InferenceQueue needs batchSize ≥ 1 and concurrency ≥ 1');
  }

  /** Queues one input; resolves with its output. */
  async run(input: I, signal?: AbortSignal): Promise<O> {
    const [output] = await this.runAll([input], signal);
    return output as O;
  }

  /**
   * Queues every input at once (so they batch together); resolves with outputs in order. One
   * abort listener serves the whole call, and it is removed when the call settles.
   */
  runAll(inputs: readonly I[], signal?: AbortSignal): Promise<O[]> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const group: Pending<I, O>[] = [];
    const outputs = inputs.map(
      (input) =>
        new Promise<O>((resolve, reject) => {
          const pending = { input, resolve, reject, signal };
          group.push(pending);
          this.waiting.push(pending);
        }),
    );
    const onAbort = () => {
      for (const pending of group) this.drop(pending);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.schedulePump();
    return Promise.all(outputs).finally(() => {
      signal?.removeEventListener('abort', onAbort);
    });
  }

  /** Inputs waiting for a model call. */
  get pending(): number {
    return this.waiting.length;
  }

  private drop(pending: Pending<I, O>): void {
    const index = this.waiting.indexOf(pending);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      pending.reject(pending.signal ? abortReason(pending.signal) : undefined);
    }
  }

  // Pumping on a microtask lets every input queued in the same tick join one batch.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) continue;
      this.running += 1;
      void this.runBatch(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** Up to `batchSize` waiting inputs, rejecting (not running) those whose request was aborted. */
  private takeBatch(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    while (batch.length < this.options.batchSize && this.waiting.length > 0) {
      const pending = this.waiting.shift();
      if (!pending) break;
      if (pending.signal?.aborted) pending.reject(abortReason(pending.signal));
      else batch.push(pending);
    }
    return batch;
  }

  private async runBatch(batch: Pending<I, O>[]): Promise<void> {
    const started = performance.now();
    try {
      const outputs = await this.options.run(batch.map((p) => p.input));
      if (outputs.length !== batch.length)
        throw new LsmlError(
          'INTERNAL',
          `The model returned ${outputs.length} outputs for a batch of ${batch.length}`,
        );
      batch.forEach((p, i) => {
        p.resolve(outputs[i] as O);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      const ms = performance.now() - started;
      for (const stats of [this.stats, inferenceTotals]) {
        stats.calls += 1;
        stats.items += batch.length;
        stats.modelMs += ms;
      }
    }
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The request was aborted');
}
