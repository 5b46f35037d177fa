export type { JobInfo, JobRef, JobState, Trainer } from './trainer.js';
export { InlineTrainer } from './inline-trainer.js';
export { QueueTrainer, createQueueTrainer, type QueueTrainerOptions } from './queue-trainer.js';
export {
  runWorker,
  workerConcurrencyFromEnv,
  type RunningWorker,
  type WorkerOptions,
} from './queue-worker.js';
export { queueKeys, type QueueKeys, type QueueNaming } from './queue-keys.js';
export {
  connectRedis,
  redisLocationFromEnv,
  type ConnectionRole,
  type RedisLocation,
} from './redis-connection.js';
export { announceVersion, type VersionAnnouncement } from './version-announcements.js';
export type { TrainingJobData } from './training-job.js';
