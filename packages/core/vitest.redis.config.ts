import { lsmlProject } from '../../vitest.shared.js';

/**
 * The Redis suite: queue trainer, workers and production e2e tests (real Redis, real
 * processes). Run with `pnpm exec vitest run --project redis`; skipped loudly without Redis.
 */
export default lsmlProject('redis', {
  include: ['src/**/*.redis.test.ts', 'test/**/*.redis.test.ts'],
  exclude: ['**/node_modules/**', '**/dist/**'],
  globalSetup: ['./test/redis-global-setup.ts'],
  // The e2e files start processes and time things: one file at a time on small CI machines.
  fileParallelism: false,
  testTimeout: 90_000,
  hookTimeout: 60_000,
});
