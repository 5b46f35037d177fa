import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv, LogLevel } from '@huggingface/transformers';
import { createLogger, createService, type Prediction } from '@lsml/core';
import { ensureTinyModels } from '@lsml/tiny-models';
import { expect } from 'vitest';
import { createObjectDetector } from '../src/model.js';

export const CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
    <Label value="Cat"/>
    <Label value="Pet dog" predicted_values="dog"/>
    <Label value="PERSON"/>
  </RectangleLabels>
</View>`;

/**
 * The object detector served in-process on the tiny DETR (cat, dog, person, car at fixed
 * boxes), fully offline: any network access fails the test.
 */
export async function detectorService(vars: Record<string, string> = {}) {
  const { modelsDir } = await ensureTinyModels(undefined, { kinds: ['detr'] });
  const scratch = await mkdtemp(join(tmpdir(), 'object-detector-'));
  transformersEnv.logLevel = LogLevel.ERROR;
  transformersEnv.fetch = () => {
    throw new Error('tests must not touch the network');
  };
  const log = createLogger('silent');
  const detector = createObjectDetector({
    env: {
      LSML_MODELS_DIR: modelsDir,
      MODEL_ID: 'detr',
      LSML_OFFLINE: '1',
      LSML_ORT_THREADS: '1',
      LSML_CACHE_DIR: join(scratch, 'cache'),
      ...vars,
    },
    log,
  });
  const service = createService(detector.backend, {
    modelDir: join(scratch, 'models'),
    logger: log,
  });
  const post = (path: string, body: unknown) =>
    service.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    ...detector,
    service,
    post,
    async predict(tasks: unknown[], extra: Record<string, unknown> = {}) {
      const response = await post('/predict', {
        tasks,
        label_config: CONFIG,
        project: '1.1700000000',
        ...extra,
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return ((await response.json()) as { results: Prediction[] }).results;
    },
    async cleanup() {
      await service.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** A rectangle region's value. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  rectanglelabels: string[];
}

export const boxOf = (region: { value: Record<string, unknown> }): Box =>
  region.value as unknown as Box;

/** Asserts a prediction holds only well-formed RectangleLabels regions for CONFIG. */
export function expectValidRectangles(
  prediction: Prediction,
  image: { width: number; height: number },
  labels: readonly string[] = ['Cat', 'Pet dog', 'PERSON'],
): void {
  for (const region of prediction.result) {
    expect(region).toMatchObject({
      from_name: 'label',
      to_name: 'image',
      type: 'rectanglelabels',
      original_width: image.width,
      original_height: image.height,
    });
    const { x, y, width, height, rectanglelabels } = boxOf(region);
    expect(rectanglelabels).toHaveLength(1);
    expect(labels).toContain(rectanglelabels[0]);
    for (const v of [x, y, width, height]) expect(v).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(100);
    expect(y + height).toBeLessThanOrEqual(100);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(region.score).toBeGreaterThan(0);
    expect(region.score).toBeLessThanOrEqual(1);
  }
}
