import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** A key prefix no other test uses. */
export function freshPrefix(): string {
  return `lsml-test-${randomBytes(5).toString('hex')}`;
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
