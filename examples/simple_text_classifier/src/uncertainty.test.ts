import { describe, expect, it } from 'vitest';
import { multiLabelScore, singleLabelScore } from './uncertainty.js';

describe('singleLabelScore', () => {
  it('reads the top probability, the top-two margin, or 1 − normalised entropy', () => {
    const p = [0.7, 0.2, 0.1];
    expect(singleLabelScore(p, 'probability')).toBe(0.7);
    expect(singleLabelScore(p, 'margin')).toBeCloseTo(0.5, 12);
    const entropy = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1));
    expect(singleLabelScore(p, 'entropy')).toBeCloseTo(1 - entropy / Math.log(3), 12);
  });

  it('is 1 for a certain answer and lowest for a uniform one, whatever the kind', () => {
    for (const kind of ['probability', 'margin', 'entropy'] as const) {
      expect(singleLabelScore([0, 1, 0], kind)).toBe(1);
      const uniform = singleLabelScore([0.25, 0.25, 0.25, 0.25], kind);
      expect(uniform).toBeLessThan(singleLabelScore([0.4, 0.2, 0.2, 0.2], kind));
    }
    expect(singleLabelScore([0.5, 0.5], 'margin')).toBe(0);
    expect(singleLabelScore([0.5, 0.5], 'entropy')).toBeCloseTo(0, 12);
  });
});

describe('multiLabelScore', () => {
  it('is the least confident label, each label a yes/no question', () => {
    expect(multiLabelScore([0.9, 0.2, 0.6], 'probability')).toBeCloseTo(0.6, 12);
    expect(multiLabelScore([0.9, 0.2, 0.6], 'margin')).toBeCloseTo(0.2, 12);
    expect(multiLabelScore([1, 0], 'entropy')).toBe(1);
  });
});
