import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { env as transformersEnv } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { useTinyModel } from './tiny-models.js';

describe('useTinyModel', () => {
  it('points the examples at a generated model, offline, and cuts transformers.js off the network', async () => {
    const model = await useTinyModel('detr', { LSML_INFERENCE_BATCH: '2' });
    try {
      expect(model.env).toMatchObject({
        MODEL_ID: 'detr',
        LSML_OFFLINE: '1',
        LSML_INFERENCE_BATCH: '2',
      });
      expect(existsSync(join(model.env.LSML_MODELS_DIR!, 'detr', 'config.json'))).toBe(true);
      expect(model.settings).toMatchObject({
        modelId: 'detr',
        offline: true,
        threads: 1,
        batchSize: 2,
      });
      expect(() => transformersEnv.fetch('https://huggingface.co/x')).toThrow(/tests run offline/);
    } finally {
      await model.remove();
    }
  });
});
