import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv, LogLevel } from '@huggingface/transformers';
import { createLogger } from '@lsml/core';
import { generateTinyModel } from '@lsml/tiny-models';
import { decodeImage, modelSettingsFromEnv } from '@lsml/transformers';
import { syntheticImage } from '@lsml/transformers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Detector } from '../src/detector.js';

describe('Detector batching', () => {
  let scratch: string;
  let detector: Detector;

  beforeAll(async () => {
    transformersEnv.logLevel = LogLevel.ERROR;
    scratch = await mkdtemp(join(tmpdir(), 'detector-batching-'));
    // Real DETR keeps the aspect ratio (shortest edge 800), so images of different shapes
    // preprocess to different sizes and cannot share one tensor. Make the tiny one do the same.
    const dir = await generateTinyModel('detr', join(scratch, 'detr-aspect'));
    const processorFile = join(dir, 'preprocessor_config.json');
    const processor = JSON.parse(await readFile(processorFile, 'utf8')) as Record<string, unknown>;
    processor.size = { shortest_edge: 32, longest_edge: 64 };
    await writeFile(processorFile, JSON.stringify(processor));
    const settings = modelSettingsFromEnv('unused', {
      MODEL_ID: dir,
      LSML_OFFLINE: '1',
      LSML_ORT_THREADS: '1',
      LSML_INFERENCE_BATCH: '8',
    });
    detector = new Detector(settings, 0.1, createLogger('silent'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('batches images of different shapes and matches the one-image pipeline', async () => {
    const shapes = [
      [40, 40],
      [80, 40],
      [40, 40],
      [40, 90],
      [80, 40],
    ] as const;
    const images = await Promise.all(
      shapes.map(async ([width, height], i) =>
        decodeImage(await syntheticImage([40 * i, 200 - 30 * i, 90], { width, height, seed: i })),
      ),
    );
    const callsBefore = detector.stats.calls;
    const batched = await detector.detect(images);
    // One queue call: three sub-batches inside it (40×40, 80×40, 40×90), never 5 single calls.
    expect(detector.stats.calls - callsBefore).toBe(1);

    const pipe = await detector.load();
    for (const [i, image] of images.entries()) {
      const alone = await pipe(image, { threshold: 0.1, percentage: true });
      const mine = batched[i]!;
      expect(mine.map((d) => d.label)).toEqual(alone.map((d) => d.label));
      mine.forEach((d, j) => {
        expect(d.score).toBeCloseTo(alone[j]!.score, 5);
        expect(d.box.xmin).toBeCloseTo(alone[j]!.box.xmin, 5);
        expect(d.box.ymax).toBeCloseTo(alone[j]!.box.ymax, 5);
      });
    }
  });

  it('runs 64 images as 8 model calls of 8, not 64 inferences at once', async () => {
    const image = await decodeImage(await syntheticImage([120, 120, 200]));
    const before = { ...detector.stats };
    const found = await detector.detect(Array.from({ length: 64 }, () => image));
    expect(found).toHaveLength(64);
    expect(detector.stats.calls - before.calls).toBe(8);
    expect(detector.stats.items - before.items).toBe(64);
  });
});
