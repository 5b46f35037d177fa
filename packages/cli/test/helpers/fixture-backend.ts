import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * Writes a one-file backend package at `dir` (outside the workspace) whose @lsml/core is the
 * workspace's, linked in like an install would.
 */
export function writeFixtureBackend(dir: string, modelSource: string): string {
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@lsml'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages', 'core'), join(dir, 'node_modules', '@lsml', 'core'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'fixture',
      type: 'module',
      exports: { '.': { source: './src/model.ts', default: './dist/model.js' } },
    }),
  );
  writeFileSync(join(dir, 'src', 'model.ts'), modelSource);
  return dir;
}

/** Labels every task Positive, except tasks whose text is "boom": those throw. */
export const FLAKY_BACKEND = `
import { defineBackend } from '@lsml/core';
export default defineBackend({
  name: 'flaky',
  predict(tasks) {
    return tasks.map((task) => {
      if (task.data.text === 'boom') throw new Error('cannot label task ' + String(task.id));
      return { score: 0.9, result: [{ from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } }] };
    });
  },
});
`;

/** Refuses every label config without a <Choices>, as a backend's setup does. */
export const CHOICES_ONLY_BACKEND = `
import { defineBackend, LsmlError } from '@lsml/core';
export default defineBackend({
  name: 'choices-only',
  setup({ labelInterface }) {
    if (!labelInterface.findControl({ type: 'choices' }))
      throw new LsmlError('UNSUPPORTED_CONFIG', 'choices-only needs a <Choices> control');
  },
  predict: (tasks) => tasks.map(() => ({ result: [] })),
});
`;
