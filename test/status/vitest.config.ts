import { lsmlProject } from '../../vitest.shared.js';

/**
 * The status page in headless Chromium, in dev mode and in production mode (real API and
 * worker processes on Redis). One file, one browser.
 */
export default lsmlProject('status', {
  globalSetup: ['./src/global-setup.ts', '../../packages/core/test/redis-global-setup.ts'],
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
