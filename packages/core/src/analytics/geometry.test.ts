import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ellipse, intersectionArea, polygonIoU, rectangle, type Polygon } from './geometry.js';

const square = (x: number, y: number, s: number): Polygon => rectangle(x, y, s, s);

describe('intersectionArea', () => {
  it.each([
    ['overlapping squares', square(0, 0, 10), square(5, 5, 10), 25],
    ['disjoint squares', square(0, 0, 10), square(20, 20, 10), 0],
    ['one inside the other', square(0, 0, 10), square(2, 2, 4), 16],
    [
      'concave L and its notch',
      [
        [0, 0],
        [10, 0],
        [10, 5],
        [5, 5],
        [5, 10],
        [0, 10],
      ] as Polygon,
      square(5, 5, 5),
      0,
    ],
    [
      'concave L and a bar across it',
      [
        [0, 0],
        [10, 0],
        [10, 5],
        [5, 5],
        [5, 10],
        [0, 10],
      ] as Polygon,
      rectangle(0, 4, 10, 2),
      15,
    ],
    ['clockwise and counterclockwise', [...square(0, 0, 10)].reverse(), square(5, 0, 10), 50],
  ])('%s', (_name, a, b, area) => {
    expect(intersectionArea(a, b)).toBeCloseTo(area, 9);
    expect(intersectionArea(b, a)).toBeCloseTo(area, 9);
  });

  it('is exact for axis-aligned rectangles (property)', () => {
    const rect = fc.tuple(
      fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 50 }),
    );
    fc.assert(
      fc.property(rect, rect, ([x1, y1, w1, h1], [x2, y2, w2, h2]) => {
        const dx = Math.max(0, Math.min(x1 + w1, x2 + w2) - Math.max(x1, x2));
        const dy = Math.max(0, Math.min(y1 + h1, y2 + h2) - Math.max(y1, y2));
        expect(intersectionArea(rectangle(x1, y1, w1, h1), rectangle(x2, y2, w2, h2))).toBeCloseTo(
          dx * dy,
          6,
        );
      }),
    );
  });

  it('approximates an ellipse within 0.2% of its area', () => {
    const e = ellipse(0, 0, 10, 5);
    expect(intersectionArea(e, e) / (Math.PI * 50)).toBeGreaterThan(0.998);
  });
});

describe('polygonIoU', () => {
  it('is 1 for the same polygon and 0 for degenerate ones', () => {
    expect(polygonIoU(square(0, 0, 3), square(0, 0, 3))).toBeCloseTo(1, 9);
    expect(
      polygonIoU(
        [
          [0, 0],
          [1, 1],
        ],
        square(0, 0, 3),
      ),
    ).toBe(0);
  });
});
