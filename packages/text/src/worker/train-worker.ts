/**
 * The worker-thread side of `trainInWorker`: trains on `workerData` and posts the serialized
 * model back (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainingJob, TrainingReply } from './train-in-worker.js';
import { TextClassifier } from '../classifier/text-classifier.js';

const { examples, labels, options } = workerData as TrainingJob;
let reply: TrainingReply;
try {
  const bytes = TextClassifier.train(examples, labels, options).serialize();
  reply = { model: bytes };
  parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer]);
} catch (error) {
  reply = { error: error instanceof Error ? error.message : String(error) };
  parentPort?.postMessage(reply);
}
