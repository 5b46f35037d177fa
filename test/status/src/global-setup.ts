// Global setup of the `status` vitest project. Without Chromium the suite is skipped with a
// loud notice unless LSML_REQUIRE_BROWSER=1 (CI); without Redis the production-mode case is
// skipped the same way unless LSML_REQUIRE_REDIS=1.
import { accessSync, constants } from 'node:fs';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the suite drives, or '' when there is none. */
    chromiumPath: string;
    /** Redis for the production-mode case, or '' when none answers. */
    redisUrl: string;
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
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

const banner = (lines: string[]) => {
  console.warn(['', '#'.repeat(78), ...lines.map((l) => `#  ${l}`), '#'.repeat(78), ''].join('\n'));
};

export default async function setup(project: TestProject): Promise<void> {
  const chromium = process.env.LSML_CHROMIUM || '/usr/bin/chromium';
  if (executable(chromium)) {
    project.provide('chromiumPath', chromium);
  } else {
    if (process.env.LSML_REQUIRE_BROWSER === '1')
      throw new Error(
        `LSML_REQUIRE_BROWSER=1 but there is no Chromium at ${chromium}: apt-get install -y chromium`,
      );
    banner([
      `STATUS PAGE SUITE SKIPPED: no Chromium at ${chromium}`,
      'Install it: apt-get update && apt-get install -y chromium',
    ]);
    project.provide('chromiumPath', '');
  }
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(url)) {
    project.provide('redisUrl', url);
    return;
  }
  if (process.env.LSML_REQUIRE_REDIS === '1')
    throw new Error(`LSML_REQUIRE_REDIS=1 but no Redis answers at ${url}`);
  banner([
    `STATUS PAGE IN PRODUCTION MODE SKIPPED: no Redis answers at ${url}`,
    'Start one: redis-server --port 6379 --save "" --appendonly no',
  ]);
  project.provide('redisUrl', '');
}
