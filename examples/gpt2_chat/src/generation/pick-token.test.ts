import { describe, expect, it } from 'vitest';
import { argmax, pickToken, softmaxProbability } from './pick-token.js';
import { seededRandom } from './seeded-random.js';

const logits = Float32Array.from([1, 4, 3, 2, -Infinity]);

function histogram(options: { temperature: number; topK: number; topP: number }, draws = 4000) {
  const random = seededRandom(5);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < draws; i += 1) {
    const token = pickToken(logits, options, random);
    counts[token] = (counts[token] ?? 0) + 1;
  }
  return counts.map((c) => c / draws);
}

describe('pickToken', () => {
  it('is greedy at temperature 0, and skips banned tokens', () => {
    expect(pickToken(logits, { temperature: 0, topK: 0, topP: 1 }, seededRandom(1))).toBe(1);
    expect(argmax(logits, new Set([1]))).toBe(2);
  });

  it('samples in proportion to softmax(logits / temperature)', () => {
    const freq = histogram({ temperature: 1, topK: 0, topP: 1 });
    for (let t = 0; t < 4; t += 1) expect(freq[t]).toBeCloseTo(softmaxProbability(logits, t), 1);
    expect(freq[4]).toBe(0);
  });

  it('keeps only the k most likely tokens with top-k', () => {
    const freq = histogram({ temperature: 1, topK: 2, topP: 1 });
    expect(freq[0]).toBe(0);
    expect(freq[3]).toBe(0);
    expect(freq[1]! + freq[2]!).toBe(1);
  });

  it('keeps the smallest set reaching the mass with top-p (which transformers.js ignores)', () => {
    // softmax: token 1 ≈ 0.64, token 2 ≈ 0.24: top-p 0.5 keeps token 1 alone, 0.8 keeps both.
    expect(histogram({ temperature: 1, topK: 0, topP: 0.5 })[1]).toBe(1);
    const freq = histogram({ temperature: 1, topK: 0, topP: 0.8 });
    expect(freq[1]! + freq[2]!).toBe(1);
    expect(freq[2]).toBeGreaterThan(0.2);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 30 }, () =>
        pickToken(logits, { temperature: 1.5, topK: 0, topP: 1 }, random),
      );
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});
