import { defineConfig } from 'vitest/config';

// "source" first: inside the lsml repository, @lsml packages are read from their TypeScript
// (no build needed); published @lsml packages have no such condition, so elsewhere their
// built dist/ is used.
const conditions = ['source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'dummy',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.redis.test.ts', '**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
