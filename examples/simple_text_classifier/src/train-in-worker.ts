import { TextClassifier, type LabeledText, type TextClassifierOptions } from './text-model.js';
import { startWorker } from './worker-module.js';

export interface TrainJob {
  examples: readonly LabeledText[];
  labels: readonly string[];
  options: TextClassifierOptions;
}

export type TrainReply = { model: Uint8Array } | { error: string };

/**
 * `TextClassifier.train` on a worker thread. Training is seconds of synchronous work on a
 * few thousand texts; on the API's thread (dev mode) it would hold every `/predict` for that
 * long, and in a BullMQ worker it would stall the job's lock renewal. Aborting `signal`
 * stops the thread.
 */
export async function trainInWorker(job: TrainJob, signal?: AbortSignal): Promise<TextClassifier> {
  signal?.throwIfAborted();
  const worker = startWorker(new URL('./train-worker.js', import.meta.url), { workerData: job });
  const abort = () => void worker.terminate();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const reply = await new Promise<TrainReply>((resolve, reject) => {
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
