// Global setup of the `redis` vitest project: finds out once whether Redis answers. Without
// it the suite is skipped with a loud notice, unless LSML_REQUIRE_REDIS=1 (CI), where it fails.
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis URL the suite runs against, or '' when Redis did not answer. */
    redisUrl: string;
  }
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // A Redis that is down refuses at once; a loaded CI machine may just answer slowly.
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(url)) {
    project.provide('redisUrl', url);
    return;
  }
  const banner = [
    '',
    '#'.repeat(78),
    `#  REDIS SUITE SKIPPED: no Redis answers at ${url}`,
    '#  Queue trainer, workers and the production e2e tests did NOT run.',
    '#  Start one: redis-server --port 6379 --save "" --appendonly no',
    '#  (LSML_REQUIRE_REDIS=1 turns this into a failure, as in CI.)',
    '#'.repeat(78),
    '',
  ].join('\n');
  if (process.env.LSML_REQUIRE_REDIS === '1') {
    throw new Error(`LSML_REQUIRE_REDIS=1 but no Redis answers at ${url}`);
  }
  console.warn(banner);
  project.provide('redisUrl', '');
}
