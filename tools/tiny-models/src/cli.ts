#!/usr/bin/env node
import { resolve } from 'node:path';
import { defaultTinyModelsRoot, ensureTinyModels } from './ensure-tiny-models.js';
import { DEFAULT_SEED } from './generate-tiny-model.js';
import { TINY_MODEL_KINDS } from './tiny-model-kinds.js';

/**
 * `pnpm --filter @lsml/tiny-models generate [rootDir] [--seed N]`: writes every tiny model and
 * prints where they are, their sizes, and the env the examples need.
 */
async function main(args: readonly string[]): Promise<void> {
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error('--seed needs an integer');
  const positional = seedAt >= 0 ? args.filter((_, i) => i !== seedAt && i !== seedAt + 1) : args;
  // pnpm runs scripts in the package folder; resolve paths against where the user typed them.
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const rootDir =
    positional[0] === undefined ? defaultTinyModelsRoot() : resolve(invokedFrom, positional[0]);

  const started = performance.now();
  const set = await ensureTinyModels(rootDir, { seed });
  const elapsed = Math.round(performance.now() - started);

  console.log(`${set.created ? 'wrote' : 'already present'}: ${set.modelsDir} (${elapsed} ms)`);
  for (const [kind, path] of Object.entries(set.paths)) {
    const spec = TINY_MODEL_KINDS[kind as keyof typeof TINY_MODEL_KINDS];
    const kb = ((set.sizes[kind as keyof typeof set.sizes] ?? 0) / 1024).toFixed(1);
    console.log(`  ${kind.padEnd(14)} ${kb.padStart(7)} KB  ${spec.task.padEnd(28)}  ${path}`);
  }
  console.log(`\nLSML_MODELS_DIR=${set.modelsDir} LSML_OFFLINE=1 MODEL_ID=<kind>`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
