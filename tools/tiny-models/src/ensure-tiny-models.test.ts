import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTinyModelsRoot, ensureTinyModels } from './ensure-tiny-models.js';
import { ALL_TINY_MODEL_KINDS } from './tiny-model-kinds.js';
import { tinyModelEnv } from './tiny-model-env.js';

describe('ensureTinyModels', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tiny-models-cache-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes every kind once, then reuses the same content-addressed folder', async () => {
    const first = await ensureTinyModels(root);
    expect(first.created).toBe(true);
    expect(Object.keys(first.paths).sort()).toEqual([...ALL_TINY_MODEL_KINDS].sort());
    for (const path of Object.values(first.paths)) {
      expect(JSON.parse(await readFile(join(path, 'config.json'), 'utf8'))).toHaveProperty(
        'model_type',
      );
    }
    const second = await ensureTinyModels(root);
    expect(second).toEqual({ ...first, created: false });
  });

  it('is safe under concurrent callers: one folder, no leftovers', async () => {
    const sets = await Promise.all(Array.from({ length: 4 }, () => ensureTinyModels(root)));
    expect(new Set(sets.map((s) => s.modelsDir)).size).toBe(1);
    expect(sets.filter((s) => s.created)).toHaveLength(1);
    expect(await readdir(root)).toHaveLength(1);
  });

  it('gives a different folder for a different seed, the same bytes for the same seed', async () => {
    const a = await ensureTinyModels(root, { seed: 1, kinds: ['detr'] });
    const b = await ensureTinyModels(root, { seed: 2, kinds: ['detr'] });
    expect(a.modelsDir).not.toBe(b.modelsDir);
    const again = await ensureTinyModels(join(root, 'other'), { seed: 1, kinds: ['detr'] });
    expect(await readFile(join(again.paths.detr!, 'onnx/model.onnx'))).toEqual(
      await readFile(join(a.paths.detr!, 'onnx/model.onnx')),
    );
  });

  it('defaults to .tiny-models at the workspace root, or LSML_TINY_MODELS_DIR', () => {
    expect(defaultTinyModelsRoot(import.meta.dirname)).toMatch(/[\\/]\.tiny-models$/);
    process.env.LSML_TINY_MODELS_DIR = root;
    try {
      expect(defaultTinyModelsRoot()).toBe(root);
    } finally {
      delete process.env.LSML_TINY_MODELS_DIR;
    }
  });

  it('gives the env an example needs for one kind', async () => {
    const env = await tinyModelEnv('whisper', root);
    const { modelsDir } = await ensureTinyModels(root);
    expect(env).toEqual({ LSML_MODELS_DIR: modelsDir, MODEL_ID: 'whisper', LSML_OFFLINE: '1' });
  });
});
