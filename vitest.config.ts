import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      // Real Redis and real processes; skipped with a loud notice when Redis is down.
      'packages/core/vitest.redis.config.ts',
      'examples/*/vitest.config.ts',
      'tools/*/vitest.config.ts',
      // Label Studio's editor in headless Chromium; skipped with a loud notice without Chromium.
      'test/*/vitest.config.ts',
    ],
  },
});
