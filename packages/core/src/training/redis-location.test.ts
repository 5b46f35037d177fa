import { describe, expect, it } from 'vitest';
import { redisLocationFromEnv } from './redis-connection.js';

describe('redisLocationFromEnv', () => {
  it('prefers REDIS_URL and treats empty values as unset', () => {
    expect(redisLocationFromEnv({ REDIS_URL: 'redis://r:6380/2' })).toEqual({
      url: 'redis://r:6380/2',
    });
    expect(redisLocationFromEnv({ REDIS_URL: '', REDIS_HOST: '', REDIS_PORT: '' })).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
    });
  });
});
