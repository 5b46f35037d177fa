import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * The settings every package's vitest project shares: tests read workspace packages from
 * `src/` through the `source` export condition, so no build is needed to test.
 */
export function lsmlProject(name: string, extra: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: ['**/*.redis.test.ts', '**/node_modules/**', '**/dist/**'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  });
}
