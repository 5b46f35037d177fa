import type { Redis } from 'ioredis';
import type { SharedStores } from '../model/backend-runtime.js';
import { RedisProjectState, RedisTrainingData } from '../store/index.js';
import type { QueueKeys } from './queue-keys.js';

/** Training data and project state in Redis, shared by every API replica and worker. */
export function redisStores(redis: Redis, keys: QueueKeys, where: string): SharedStores {
  return {
    trainingData: new RedisTrainingData(redis, keys, where),
    projectState: (project) => new RedisProjectState(redis, keys.state(project), where),
  };
}
