import { describe, expect, it } from 'vitest';
import { imageClassifierSettingsFromEnv } from './settings.js';

describe('imageClassifierSettingsFromEnv', () => {
  it('defaults to the top probability and 10000 cached embeddings', () => {
    expect(imageClassifierSettingsFromEnv({})).toMatchObject({
      score: 'probability',
      embeddingCacheSize: 10_000,
    });
    expect(imageClassifierSettingsFromEnv({ SCORE: 'Entropy' }).score).toBe('entropy');
  });

  it('refuses an unknown SCORE and a cache size that is not a count, naming the variable', () => {
    expect(() => imageClassifierSettingsFromEnv({ SCORE: 'vibes' })).toThrow(/SCORE="vibes"/);
    expect(() => imageClassifierSettingsFromEnv({ LSML_EMBEDDING_CACHE: '-3' })).toThrow(
      /LSML_EMBEDDING_CACHE="-3" must be a whole number/,
    );
  });
});
