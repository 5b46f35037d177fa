import { describe, expect, it } from 'vitest';
import { parseLabelConfig } from '../label-config/index.js';
import { decodeRle, encodeRle, maskToRle } from './brush-rle.js';
import { buildLabelMap } from './label-map.js';
import { taskValue } from './task-value.js';
import {
  entropy,
  leastConfidence,
  marginUncertainty,
  parseScoreMode,
  scoreFromProbabilities,
} from './uncertainty.js';

describe('Label Studio brush RLE', () => {
  it('writes the rle-pack header: count, word size, run size classes', () => {
    const rle = encodeRle([7, 7, 7]);
    // 32 bits of count (3), then 5 bits 7 (word size 8), then 2, 3, 7, 15 in 4 bits each.
    expect(rle.slice(0, 4)).toEqual([0, 0, 0, 3]);
    expect(rle[4]).toBe(0b00111_001);
  });

  it.each([
    ['empty', []],
    ['one value', [255]],
    ['a long run', new Array<number>(70_000).fill(255)],
    ['literals and runs', [0, 1, 2, 3, 3, 3, 3, 4, 0, 0, 255, 254]],
    ['random bytes', Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)],
  ])('round-trips %s', (_name, data) => {
    expect([...decodeRle(encodeRle(data))]).toEqual([...data]);
  });

  it('turns a mask into RGBA bytes, 255 inside and 0 outside', () => {
    expect([...decodeRle(maskToRle([0, 1, 0]))]).toEqual([
      0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0,
    ]);
  });
});

describe('uncertainty', () => {
  it('scores the top class by default and the chosen uncertainty on request', () => {
    const probs = [0.7, 0.2, 0.1];
    expect(scoreFromProbabilities(probs)).toBe(0.7);
    expect(scoreFromProbabilities(probs, 'least-confidence')).toBeCloseTo(0.3);
    expect(scoreFromProbabilities(probs, 'margin')).toBeCloseTo(0.5);
    expect(scoreFromProbabilities(probs, 'entropy')).toBeCloseTo(0.7298, 3);
  });

  it('is maximal for a uniform distribution and zero for a certain one', () => {
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(1);
    expect(entropy([1, 0, 0])).toBe(0);
    expect(marginUncertainty([0.5, 0.5])).toBe(1);
    expect(leastConfidence([1, 0])).toBe(0);
    expect(leastConfidence([])).toBe(0);
  });

  it('takes "probability" as another name for "top"', () => {
    expect(scoreFromProbabilities([0.2, 0.8], 'probability')).toBe(0.8);
  });

  it('parses a score mode from an env value, refusing anything else by name', () => {
    expect(parseScoreMode(undefined)).toBe('probability');
    expect(parseScoreMode('  ', { fallback: 'margin' })).toBe('margin');
    expect(parseScoreMode(' Entropy ')).toBe('entropy');
    expect(parseScoreMode('least-confidence')).toBe('least-confidence');
    expect(() => parseScoreMode('confidence', { variable: 'LSML_SCORE' })).toThrow(
      /LSML_SCORE="confidence" is not a score mode: use probability, top, least-confidence, margin, entropy/,
    );
  });
});

describe('buildLabelMap (the cases of Python’s test_build_label_map)', () => {
  const control = (labels: string) =>
    parseLabelConfig(
      `<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image">${labels}</RectangleLabels></View>`,
    ).control('label')!;

  it.each<[string, string[], Record<string, string>]>([
    ['', ['car', 'truck'], {}],
    [
      '<Label value="Car" predicted_values="car,truck"/><Label value="Airplane" predicted_values="airplane"/>',
      ['car', 'truck', 'airplane'],
      { car: 'Car', truck: 'Car', airplane: 'Airplane' },
    ],
    [
      '<Label value="Car"/><Label value="Airplane"/>',
      ['car', 'airplane'],
      { car: 'Car', airplane: 'Airplane' },
    ],
    [
      '<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Flower"/>',
      ['car', 'airplane', 'bicycle'],
      { car: 'Car', airplane: 'Plane' },
    ],
    [
      '<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Bicycle"/>',
      ['car', 'airplane', 'bicycle'],
      { car: 'Car', airplane: 'Plane', bicycle: 'Bicycle' },
    ],
    [
      '<Label value="Car" predicted_values="car"/><Label value="Plane" predicted_values="airplane"/><Label value="Bicycle space"/>',
      ['car', 'airplane', 'Bicycle space'],
      { car: 'Car', airplane: 'Plane', 'Bicycle space': 'Bicycle space' },
    ],
    [
      '<Label value="Car" predicted_values="car,truck"/><Label value="Airplane" predicted_values="jet"/>',
      ['car', 'truck'],
      { car: 'Car', truck: 'Car' },
    ],
  ])('%s', (labels, names, expected) => {
    expect(buildLabelMap(control(labels), names)).toEqual(expected);
  });

  it('maps to the alias, which is what results carry', () => {
    expect(buildLabelMap(control('<Label value="Car" alias="car_alias"/>'), ['CAR'])).toEqual({
      CAR: 'car_alias',
    });
  });
});

describe('taskValue', () => {
  const li = parseLabelConfig(
    `<View><Text name="t" value="$text"/><Text name="u" value="$undefined$"/><Header name="h" value="Literal"/></View>`,
  );
  it('reads task.data[key], the only value for $undefined$, and literals as they are', () => {
    expect(taskValue({ data: { text: 'hello' } }, li.object('t')!)).toBe('hello');
    expect(taskValue({ data: {} }, li.object('t')!)).toBeUndefined();
    expect(taskValue({ data: { whatever: 'only' } }, li.object('u')!)).toBe('only');
    expect(taskValue({ data: { a: 1, b: 2 } }, li.object('u')!)).toBeUndefined();
    expect(taskValue({ data: { undefined$: 'x', b: 2 } }, li.object('u')!)).toBe('x');
    expect(taskValue({ data: {} }, li.object('h')!)).toBe('Literal');
  });
});
