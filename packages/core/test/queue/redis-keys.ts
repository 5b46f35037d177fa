import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * A key prefix no other test uses. Under `LSML_TEST_REDIS_PREFIX` (set per run by
 * scripts/parallel-suites.mjs), so two copies of the suite on one Redis can also be told apart
 * and wiped by run.
 */
export function freshPrefix(): string {
  return `${testRedisPrefix()}-${randomBytes(5).toString('hex')}`;
}

/** The run's prefix for every Redis key a test makes: `LSML_TEST_REDIS_PREFIX`, else `lsml-test`. */
export function testRedisPrefix(): string {
  const given = process.env.LSML_TEST_REDIS_PREFIX ?? '';
  return /^[A-Za-z0-9_-]+$/.test(given) ? given : 'lsml-test';
}

/** Deletes every key under `prefix` (the queue, training data, state). */
export async function wipePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
