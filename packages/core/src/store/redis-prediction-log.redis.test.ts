import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshPrefix, wipePrefix } from '../../test/queue/redis-keys.js';
import { predictionLogContract } from '../../test/store/prediction-log-contract.js';
import { queueKeys } from './redis-keys.js';
import { RedisPredictionLog } from './redis-prediction-log.js';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('RedisPredictionLog', () => {
  const fresh = () => {
    const prefix = freshPrefix();
    const redis = new Redis(redisUrl);
    cleanups.push(async () => {
      await wipePrefix(redisUrl, prefix);
      redis.disconnect();
    });
    return { redis, keys: queueKeys('m', { prefix }) };
  };

  predictionLogContract((bounds, clock) => {
    const { redis, keys } = fresh();
    return new RedisPredictionLog(redis, keys, 'test', bounds, () => clock.now);
  });

  it('lets one of two replicas claim a task', async () => {
    const { redis, keys } = fresh();
    const bounds = { maxEntries: 10, maxDays: 1 };
    const [a, b] = [0, 1].map(() => new RedisPredictionLog(redis, keys, 'test', bounds));
    await a!.record('1', [{ task: '7', modelVersion: 'v', at: Date.now(), resultsJson: '[]' }]);
    const claims = await Promise.all([a!.claim('1', '7'), b!.claim('1', '7')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
