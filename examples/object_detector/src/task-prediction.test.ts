import { describe, expect, it } from 'vitest';
import { detectionRegion, type RegionTarget } from './task-prediction.js';

const target: RegionTarget = {
  control: { name: 'label', toName: ['image'], type: 'rectanglelabels' },
  toName: 'image',
  size: { width: 200, height: 100 },
};
const detection = (xmin: number, ymin: number, xmax: number, ymax: number) => ({
  label: 'cat',
  score: 0.9,
  box: { xmin, ymin, xmax, ymax },
});

describe('detectionRegion', () => {
  it('turns a fractional box into percent with the image size', () => {
    const region = detectionRegion(detection(0.1, 0.2, 0.5, 0.6), 'Cat', target, 'r1');
    expect(region).toMatchObject({
      id: 'r1',
      to_name: 'image',
      type: 'rectanglelabels',
      original_width: 200,
      original_height: 100,
      score: 0.9,
      value: { rotation: 0, rectanglelabels: ['Cat'] },
    });
    expect(region?.from_name).toBe('label');
    const value = region!.value as Record<string, number>;
    expect([value.x, value.y, value.width, value.height].map((v) => Math.round(v!))).toEqual([
      10, 20, 40, 40,
    ]);
  });

  it('clamps boxes that cross the edges and drops boxes outside the image', () => {
    const value = detectionRegion(detection(-0.2, 0.5, 1.3, 1.1), 'Cat', target, 'r')!
      .value as Record<string, number>;
    expect(value).toMatchObject({ x: 0, y: 50, width: 100, height: 50 });
    expect(detectionRegion(detection(1.1, 0.1, 1.4, 0.3), 'Cat', target, 'r')).toBeUndefined();
  });
});
