export type { ArtifactReader, ArtifactWriter } from './artifacts.js';
export { ModelStore, type NewVersion, type VersionInfo } from './model-store.js';
export type { ListedVersion, ModelStoreOptions, VersionListing } from './version-retention.js';
export { FileProjectState } from './file-project-state.js';
export { FileTrainingData, type TrainingDataStore } from './training-data.js';
export { writeFileAtomic } from './atomic-file.js';
export { RedisTrainingData, type TrainingDataKeys } from './redis-training-data.js';
export { RedisProjectState } from './redis-project-state.js';
