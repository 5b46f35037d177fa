import { scoreFromProbabilities } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { imageClassifierSettingsFromEnv } from './settings.js';

describe('SCORE', () => {
  it('defaults to the top probability and accepts margin and entropy', () => {
    expect(imageClassifierSettingsFromEnv({}).score).toBe('probability');
    expect(imageClassifierSettingsFromEnv({ SCORE: 'Entropy' }).score).toBe('entropy');
    // The modes are core's: 1 when two classes tie, the top probability by default.
    expect(scoreFromProbabilities([0.5, 0.5], 'margin')).toBe(1);
    expect(scoreFromProbabilities([0.8, 0.2], 'top')).toBe(0.8);
  });

  it('refuses an unknown mode with the list of valid ones', () => {
    expect(() => imageClassifierSettingsFromEnv({ SCORE: 'vibes' })).toThrow(
      /probability, margin, entropy/,
    );
  });
});
