import {
  TextClassifier,
  type LabeledText,
  type TextClassifierOptions,
} from '../classifier/text-classifier.js';
import { startWorker } from './worker-module.js';

/** The arguments of `TextClassifier.train`, sent to the worker thread. */
export interface TrainingJob {
  examples: readonly LabeledText[];
  /** The candidate labels, in the order the model keeps them. */
  labels: readonly string[];
  options: TextClassifierOptions;
}

/** What the worker thread posts back. */
export type TrainingReply = { model: Uint8Array } | { error: string };

/**
 * `TextClassifier.train` on a worker thread. Training is seconds of synchronous work on a
 * few thousand texts; on a server's thread it would hold every request for that long, and in
 * a BullMQ worker it would stall the job's lock renewal. Aborting `signal` stops the thread
 * and rejects with the signal's reason; an error training raises rejects with its message.
 *
 * The built package runs `train-worker.js` beside this file; from the workspace's sources
 * (no build) the thread runs `train-worker.ts` through tsx.
 *
 * @example
 * ```ts
 * const model = await trainInWorker(
 *   { examples, labels: ['Positive', 'Negative'], options: { mode: 'single' } },
 *   ctx.signal,
 * );
 * ```
 */
export async function trainInWorker(
  job: TrainingJob,
  signal?: AbortSignal,
): Promise<TextClassifier> {
  signal?.throwIfAborted();
  const worker = startWorker(new URL('./train-worker.js', import.meta.url), { workerData: job });
  const abort = () => void worker.terminate();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const reply = await new Promise<TrainingReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(
          signal?.aborted
            ? (signal.reason as Error)
            : new Error(`the training thread exited (code ${code}) before answering`),
        );
      });
    });
    if ('error' in reply) throw new Error(reply.error);
    return TextClassifier.deserialize(reply.model);
  } finally {
    signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}
