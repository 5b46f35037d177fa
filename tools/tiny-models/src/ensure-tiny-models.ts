import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SEED } from './generate-tiny-model.js';
import type { ModelFiles } from './model-files.js';
import { ALL_TINY_MODEL_KINDS, TINY_MODEL_KINDS, type TinyModelKind } from './tiny-model-kinds.js';

export interface EnsureOptions {
  seed?: number;
  /** Which kinds to build; all by default. */
  kinds?: readonly TinyModelKind[];
}

/** Where a set of tiny models lives. */
export interface TinyModelSet {
  /** The folder to give examples as `LSML_MODELS_DIR` (transformers.js `env.localModelPath`). */
  modelsDir: string;
  /** Absolute folder of each kind; the folder name is the kind, i.e. the `MODEL_ID`. */
  paths: Partial<Record<TinyModelKind, string>>;
  /** Bytes per kind, for reports. */
  sizes: Partial<Record<TinyModelKind, number>>;
  /** True when this call wrote the files, false when they were already there. */
  created: boolean;
}

const COMPLETE_MARKER = '.complete';

/**
 * Makes sure the tiny models exist under `rootDir` and returns where. Idempotent and cheap:
 * the models are built in memory (tens of milliseconds) and hashed, and the set lives in
 * `<rootDir>/<hash>/`, so a folder's content never changes once written (transformers.js
 * memoizes per model id within a process, see the README) and a generator change can never
 * serve stale files. Safe under concurrent callers, in one process or many: each writes a
 * private temporary folder and renames it into place; the loser of a race drops its copy.
 *
 * @example
 * const { modelsDir } = await ensureTinyModels(defaultTinyModelsRoot());
 * process.env.LSML_MODELS_DIR = modelsDir; // then MODEL_ID=detr
 */
export async function ensureTinyModels(
  rootDir: string = defaultTinyModelsRoot(),
  { seed = DEFAULT_SEED, kinds = ALL_TINY_MODEL_KINDS }: EnsureOptions = {},
): Promise<TinyModelSet> {
  const built = new Map<TinyModelKind, ModelFiles>(
    kinds.map((kind) => [kind, TINY_MODEL_KINDS[kind].build(seed)]),
  );
  const modelsDir = join(resolve(rootDir), contentHash(built));
  const paths: TinyModelSet['paths'] = {};
  const sizes: TinyModelSet['sizes'] = {};
  for (const [kind, files] of built) {
    paths[kind] = join(modelsDir, kind);
    sizes[kind] = files.totalBytes();
  }
  if (existsSync(join(modelsDir, COMPLETE_MARKER)))
    return { modelsDir, paths, sizes, created: false };

  await mkdir(dirname(modelsDir), { recursive: true });
  const staging = `${modelsDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const [kind, files] of built) await files.writeTo(join(staging, kind));
    await writeFile(
      join(staging, COMPLETE_MARKER),
      `${JSON.stringify({ seed, kinds }, null, 2)}\n`,
    );
    try {
      await rename(staging, modelsDir);
    } catch (error) {
      // Another caller renamed first; its content is identical (same hash), so use it.
      if (!existsSync(join(modelsDir, COMPLETE_MARKER))) throw error;
      return { modelsDir, paths, sizes, created: false };
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { modelsDir, paths, sizes, created: true };
}

function contentHash(built: ReadonlyMap<TinyModelKind, ModelFiles>): string {
  const hash = createHash('sha256');
  for (const [kind, files] of [...built].sort(([a], [b]) => a.localeCompare(b))) {
    for (const path of files.paths()) {
      hash.update(`${kind}/${path}\0`);
      hash.update(files.get(path) ?? new Uint8Array());
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The default cache: `LSML_TINY_MODELS_DIR` if set, else `.tiny-models/` at the workspace root
 * (git-ignored), found by walking up from the working directory to `pnpm-workspace.yaml`.
 */
export function defaultTinyModelsRoot(start: string = process.cwd()): string {
  const fromEnv = process.env.LSML_TINY_MODELS_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '.tiny-models');
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(start), '.tiny-models');
    dir = parent;
  }
}
