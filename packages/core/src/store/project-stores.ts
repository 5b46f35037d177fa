import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import type { ProjectState } from '../contract/project-state.js';
import type { ProjectId } from '../contract/types.js';
import { FileProjectState } from './file-project-state.js';
import type { ModelStore } from './model-store.js';
import { RedisProjectState } from './redis-project-state.js';
import type { QueueKeys } from './redis-keys.js';
import { RedisTrainingData } from './redis-training-data.js';
import { FileTrainingData } from './file-training-data.js';
import type { TrainingDataStore } from './training-data.js';

/**
 * The training data and per-project state of a deployment: whatever every process must see
 * alike. Chosen once, where the process starts.
 */
export interface ProjectStores {
  trainingData: TrainingDataStore;
  projectState: (project: ProjectId) => ProjectState;
}

/** Dev mode: files beside the model versions (`MODEL_DIR/<project>/`). */
export function fileStores(models: ModelStore, log: Logger): ProjectStores {
  return {
    trainingData: new FileTrainingData((project) => models.projectDir(project), { log }),
    projectState: (project) => new FileProjectState(models.projectDir(project)),
  };
}

/** Production: Redis hashes, shared by every API replica and worker on any host. */
export function redisStores(redis: Redis, keys: QueueKeys, where: string): ProjectStores {
  return {
    trainingData: new RedisTrainingData(redis, keys, where),
    projectState: (project) => new RedisProjectState(redis, keys.state(project), where),
  };
}
