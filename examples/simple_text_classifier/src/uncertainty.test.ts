import { describe, expect, it } from 'vitest';
import { multiLabelScore, singleLabelScore } from './uncertainty.js';

describe('singleLabelScore', () => {
  it('reads the top probability, or the uncertainties 1 − margin and normalised entropy', () => {
    const p = [0.7, 0.2, 0.1];
    expect(singleLabelScore(p, 'probability')).toBe(0.7);
    expect(singleLabelScore(p, 'margin')).toBeCloseTo(0.5, 12);
    const entropy = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1));
    expect(singleLabelScore(p, 'entropy')).toBeCloseTo(entropy / Math.log(3), 12);
  });

  it('orders a certain, a leaning and a uniform answer the same way for every kind', () => {
    const certain = [0, 1, 0, 0];
    const leaning = [0.4, 0.2, 0.2, 0.2];
    const uniform = [0.25, 0.25, 0.25, 0.25];
    expect(singleLabelScore(certain, 'probability')).toBe(1);
    expect(singleLabelScore(leaning, 'probability')).toBeGreaterThan(
      singleLabelScore(uniform, 'probability'),
    );
    for (const kind of ['margin', 'entropy'] as const) {
      expect(singleLabelScore(certain, kind)).toBe(0);
      expect(singleLabelScore(leaning, kind)).toBeLessThan(singleLabelScore(uniform, kind));
      expect(singleLabelScore([0.5, 0.5], kind)).toBeCloseTo(1, 12);
    }
  });
});

describe('multiLabelScore', () => {
  it('is the score of the label the model is least sure about', () => {
    expect(multiLabelScore([0.9, 0.2, 0.6], 'probability')).toBeCloseTo(0.6, 12);
    expect(multiLabelScore([0.9, 0.2, 0.6], 'margin')).toBeCloseTo(0.8, 12);
    expect(multiLabelScore([1, 0], 'entropy')).toBe(0);
  });
});
