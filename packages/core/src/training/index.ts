export type { JobInfo, JobRef, JobState, Trainer } from './trainer.js';
export { InlineTrainer } from './inline-trainer.js';
export { QueueTrainer, type QueueTrainerOptions } from './queue-trainer.js';
export { runWorker, type RunningWorker, type WorkerOptions } from './queue-worker.js';
export {
  receiveEvent,
  receiveTrainingSet,
  type EventReceipt,
  type EventSink,
} from './receive-event.js';
export { readWebhook, type WebhookBody, type WebhookEvent } from './webhook-event.js';
export type { TrainingJobData } from './training-job.js';
