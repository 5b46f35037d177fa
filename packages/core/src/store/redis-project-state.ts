import type { Redis } from 'ioredis';
import type { ProjectState } from '../contract/project-state.js';
import { withRedis } from './redis-unavailable.js';

/**
 * Production project state: one Redis hash per project (key → JSON), read through on every
 * call, so API replicas and workers never act on a stale copy.
 *
 * @example
 * const state = new RedisProjectState(redis, queueKeys('dummy').state('12'), '127.0.0.1:6379');
 * await state.set('labels', ['Positive', 'Negative']);
 */
export class RedisProjectState implements ProjectState {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly where: string,
  ) {}

  get<T>(key: string): Promise<T | undefined> {
    return withRedis(this.redis, this.where, async () => {
      const text = await this.redis.hget(this.key, key);
      return text === null ? undefined : (JSON.parse(text) as T);
    });
  }

  set(key: string, value: unknown): Promise<void> {
    return withRedis(this.redis, this.where, async () => {
      await this.redis.hset(this.key, key, JSON.stringify(value));
    });
  }

  increment(key: string, by: number): Promise<number> {
    // HINCRBY reads the JSON number `set` wrote ("5") and writes one back: one atomic step
    // for every replica and worker.
    return withRedis(this.redis, this.where, () => this.redis.hincrby(this.key, key, by));
  }

  delete(key: string): Promise<void> {
    return withRedis(this.redis, this.where, async () => {
      await this.redis.hdel(this.key, key);
    });
  }
}
