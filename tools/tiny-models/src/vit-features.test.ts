import {
  pipeline,
  type ImageClassificationPipeline,
  type ImageFeatureExtractionPipeline,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIT_HIDDEN_SIZE } from './kinds/vit-features.js';
import {
  colourImage,
  generateInTemp,
  SESSION_OPTIONS,
  useOfflineTransformers,
} from './test-support/offline-transformers.js';

const RED = [220, 40, 40] as const;
const BLUE = [40, 40, 220] as const;

describe('tiny vit-features', () => {
  let extractor: ImageFeatureExtractionPipeline;
  let classifier: ImageClassificationPipeline;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    useOfflineTransformers();
    const generated = await generateInTemp('vit-features');
    cleanup = generated.cleanup;
    extractor = await pipeline('image-feature-extraction', generated.dir, {
      session_options: SESSION_OPTIONS,
    });
    classifier = await pipeline('image-classification', generated.dir, {
      session_options: SESSION_OPTIONS,
    });
  });
  afterAll(() => cleanup());

  const embed = async (image: ReturnType<typeof colourImage>) =>
    Array.from((await extractor(image, { pool: true })).data as Float32Array);

  it('returns token embeddings by default and one pooled embedding with pool: true', async () => {
    const image = colourImage(RED, 30, 20);
    expect((await extractor(image)).dims).toEqual([1, 5, VIT_HIDDEN_SIZE]);
    const pooled = await extractor(image, { pool: true });
    expect(pooled.dims).toEqual([1, VIT_HIDDEN_SIZE]);
    expect(await embed(image)).toEqual(await embed(image));
  });

  it('separates mostly-red from mostly-blue images with a nearest-centroid head', async () => {
    const centroid = async (colour: readonly [number, number, number], seeds: number[]) => {
      const sum = new Array<number>(VIT_HIDDEN_SIZE).fill(0);
      for (const seed of seeds) {
        (await embed(colourImage(colour, 24, 24, seed))).forEach((v, i) => (sum[i]! += v));
      }
      return sum.map((v) => v / seeds.length);
    };
    const trainSeeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const red = await centroid(RED, trainSeeds);
    const blue = await centroid(BLUE, trainSeeds);
    const distance = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);

    let right = 0;
    for (let seed = 100; seed < 110; seed += 1) {
      const r = await embed(colourImage(RED, 24, 24, seed));
      const b = await embed(colourImage(BLUE, 24, 24, seed));
      if (distance(r, red) < distance(r, blue)) right += 1;
      if (distance(b, blue) < distance(b, red)) right += 1;
    }
    expect(right).toBeGreaterThanOrEqual(18);
  });

  it('classifies the dominant colour through image-classification', async () => {
    const [top] = await classifier(colourImage(BLUE, 16, 16));
    expect(top?.label).toBe('blue');
  });
});
