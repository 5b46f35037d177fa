import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelPath, modelSettingsFromEnv } from './model-settings.js';

describe('modelSettingsFromEnv', () => {
  it('uses the default id and safe defaults when nothing is set', () => {
    expect(modelSettingsFromEnv('Xenova/detr-resnet-50', {})).toEqual({
      modelId: 'Xenova/detr-resnet-50',
      modelsDir: undefined,
      offline: false,
      cacheDir: join(process.cwd(), '.lsml-cache', 'transformers'),
      dtype: undefined,
      threads: undefined,
      batchSize: 8,
      concurrency: 1,
    });
  });

  it('reads every variable; empty values mean unset (compose passes them so)', () => {
    const settings = modelSettingsFromEnv('default', {
      MODEL_ID: 'detr',
      LSML_MODELS_DIR: 'models',
      LSML_OFFLINE: 'true',
      HF_HOME: '/hf',
      LSML_DTYPE: '',
      LSML_ORT_THREADS: '2',
      LSML_INFERENCE_BATCH: '16',
      LSML_INFERENCE_CONCURRENCY: '',
    });
    expect(settings).toMatchObject({
      modelId: 'detr',
      modelsDir: resolve('models'),
      offline: true,
      cacheDir: '/hf/transformers.js',
      dtype: undefined,
      threads: 2,
      batchSize: 16,
      concurrency: 1,
    });
    expect(modelSettingsFromEnv('d', { LSML_CACHE_DIR: '/c', HF_HOME: '/hf' }).cacheDir).toBe('/c');
  });

  it('rejects counts that are not whole numbers ≥ 1, naming the variable', () => {
    expect(() => modelSettingsFromEnv('d', { LSML_INFERENCE_BATCH: '0' })).toThrow(
      'LSML_INFERENCE_BATCH="0" must be a whole number ≥ 1',
    );
    expect(() => modelSettingsFromEnv('d', { LSML_ORT_THREADS: 'many' })).toThrow(
      'LSML_ORT_THREADS',
    );
  });

  it('tells paths from hub ids', () => {
    expect(isModelPath('/models/detr')).toBe(true);
    expect(isModelPath('./detr')).toBe(true);
    expect(isModelPath('Xenova/detr-resnet-50')).toBe(false);
    expect(isModelPath('detr')).toBe(false);
  });
});
