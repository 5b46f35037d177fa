import { join } from 'node:path';
import { pipeline, type ObjectDetectionPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETR_LABELS, DETR_QUERIES } from './kinds/detr.js';
import {
  colourImage,
  generateInTemp,
  SESSION_OPTIONS,
  useOfflineTransformers,
} from './test-support/offline-transformers.js';

describe('tiny detr', () => {
  let detector: ObjectDetectionPipeline;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    useOfflineTransformers();
    ({ dir, cleanup } = await generateInTemp('detr'));
    detector = await pipeline('object-detection', dir, { session_options: SESSION_OPTIONS });
  });
  afterAll(() => cleanup());

  it('detects the fixed objects with their labels, above the default threshold', async () => {
    const detections = await detector(colourImage([200, 120, 40], 64, 48));
    expect(detections.map((d) => d.label)).toEqual(['cat', 'dog', 'person']);
    for (const d of detections) expect(d.score).toBeGreaterThan(0.9);
  });

  it('returns fractional boxes near the designed ones with percentage: true', async () => {
    const detections = await detector(colourImage([30, 60, 220], 80, 80), {
      threshold: 0.5,
      percentage: true,
    });
    expect(detections).toHaveLength(4);
    detections.forEach((d, i) => {
      const query = DETR_QUERIES[i]!;
      expect(d.label).toBe(query.label);
      expect(DETR_LABELS).toContain(d.label);
      const [cx, cy] = query.box;
      expect((d.box.xmin + d.box.xmax) / 2).toBeCloseTo(cx, 1);
      expect((d.box.ymin + d.box.ymax) / 2).toBeCloseTo(cy, 1);
      expect(d.box.xmin).toBeLessThan(d.box.xmax);
      expect(d.box.ymin).toBeLessThan(d.box.ymax);
    });
    // The car box crosses the right edge on purpose: examples must clamp.
    expect(detections[3]!.box.xmax).toBeGreaterThan(1);
  });

  it('reads a PNG file from disk (sharp) and answers the same way', async () => {
    const path = join(dir, '..', 'image.png');
    await colourImage([90, 200, 90], 40, 30).save(path);
    const detections = await detector(path, { threshold: 0.5 });
    expect(detections).toHaveLength(4);
    for (const d of detections) {
      expect(d.box.xmin).toBeGreaterThanOrEqual(0);
      expect(d.box.ymax).toBeLessThanOrEqual(30);
    }
  });
});
