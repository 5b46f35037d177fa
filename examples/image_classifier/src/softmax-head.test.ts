import { describe, expect, it } from 'vitest';
import { classProbabilities, trainSoftmaxHead } from './softmax-head.js';

describe('trainSoftmaxHead', () => {
  it('separates three clusters and gives probabilities that sum to 1', async () => {
    const centres = [
      [1, 0, 0, 0.2],
      [0, 1, 0, 0.2],
      [0, 0, 1, 0.2],
    ];
    const rows: Float32Array[] = [];
    const targets: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const c = i % 3;
      rows.push(Float32Array.from(centres[c]!, (v, j) => v + Math.sin(i * 7 + j) * 0.2));
      targets.push(c);
    }
    const head = await trainSoftmaxHead(rows, targets, ['a', 'b', 'c'], 'model-x');
    expect(head).toMatchObject({ embeddingModel: 'model-x', classes: ['a', 'b', 'c'], dim: 4 });
    rows.forEach((row, i) => {
      const p = classProbabilities(head, row);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(p.indexOf(Math.max(...p))).toBe(targets[i]);
    });
    // A JSON round trip (how it is saved) predicts the same.
    const reloaded = JSON.parse(JSON.stringify(head)) as typeof head;
    expect(classProbabilities(reloaded, rows[0]!)).toEqual(classProbabilities(head, rows[0]!));
  });
});
