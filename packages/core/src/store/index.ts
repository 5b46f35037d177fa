export type { ArtifactReader, ArtifactWriter } from '../contract/artifacts.js';
export { ModelStore, type NewVersion, type VersionInfo } from './model-store.js';
export type { ListedVersion, ModelStoreOptions, VersionListing } from './version-retention.js';
export { FileProjectState } from './file-project-state.js';
export { FileTrainingData, type FileTrainingDataOptions } from './file-training-data.js';
export type { TrainingDataStore } from './training-data.js';
export { writeFileAtomic } from './atomic-file.js';
export { RedisTrainingData, type TrainingDataKeys } from './redis-training-data.js';
export { RedisProjectState } from './redis-project-state.js';
export { fileStores, redisStores, type ProjectStores } from './project-stores.js';
export {
  connectRedis,
  describeRedis,
  type ConnectionRole,
  type RedisLocation,
} from './redis-connection.js';
export { queueKeys, type QueueKeys, type QueueNaming } from './redis-keys.js';
export { redisUnavailable, untilReady, withRedis } from './redis-unavailable.js';
export {
  announceVersion,
  listenForVersions,
  type VersionAnnouncement,
} from './version-announcements.js';
export {
  type PredictionLog,
  type PredictionLogBounds,
  type RecordedPrediction,
  serializeResults,
} from './prediction-log.js';
export { FilePredictionLog } from './file-prediction-log.js';
export { RedisPredictionLog } from './redis-prediction-log.js';
