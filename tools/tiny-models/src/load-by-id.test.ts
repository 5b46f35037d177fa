import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline, type PipelineType } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModels, type TinyModelSet } from './ensure-tiny-models.js';
import { ALL_TINY_MODEL_KINDS, TINY_MODEL_KINDS } from './tiny-model-kinds.js';
import { SESSION_OPTIONS, useOfflineTransformers } from './test-support/offline-transformers.js';

// The way the examples load models: LSML_MODELS_DIR → env.localModelPath, MODEL_ID → the id.
describe('every kind loads by id from the models folder', () => {
  let root: string;
  let set: TinyModelSet;

  beforeAll(async () => {
    useOfflineTransformers();
    root = await mkdtemp(join(tmpdir(), 'tiny-models-by-id-'));
    set = await ensureTinyModels(root);
    env.localModelPath = set.modelsDir;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each(ALL_TINY_MODEL_KINDS)('%s', async (kind) => {
    const task = TINY_MODEL_KINDS[kind].task as PipelineType;
    const loaded = await pipeline(task, kind, { session_options: SESSION_OPTIONS });
    expect(loaded.task).toBe(task);
    await loaded.dispose();
  });

  it('fails clearly, without the network, for a kind that is not there', async () => {
    await expect(pipeline('object-detection', 'no-such-model')).rejects.toThrow(
      /not found locally/,
    );
  });
});
