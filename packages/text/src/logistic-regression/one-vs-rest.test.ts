import { describe, expect, it } from 'vitest';
import { OneVsRest } from './one-vs-rest.js';
import { CsrBuilder } from '../sparse/sparse-matrix.js';

/** Rows over features [sports, politics, noise]; labels 0 = sports, 1 = politics, 2 = never. */
function data() {
  const builder = new CsrBuilder();
  const targets: number[][] = [];
  for (let row = 0; row < 40; row++) {
    const sports = row % 2 === 0;
    const politics = row % 3 === 0;
    const columns = [2];
    const values = [(row % 5) / 5];
    if (sports) {
      columns.push(0);
      values.push(1);
    }
    if (politics) {
      columns.push(1);
      values.push(1);
    }
    builder.appendRow(columns, values, columns.length);
    targets.push([...(sports ? [0] : []), ...(politics ? [1] : [])]);
  }
  return { x: builder.build(3), targets };
}

describe('OneVsRest', () => {
  it('predicts each label independently, several at once', () => {
    const { x, targets } = data();
    const model = OneVsRest.fit(x, targets, 3, { c: 100 });
    const probabilities = model.predictProba(x);
    for (let row = 0; row < x.rows; row++) {
      for (const label of [0, 1]) {
        const p = probabilities[row * 3 + label]!;
        if (targets[row]!.includes(label)) expect(p).toBeGreaterThan(0.8);
        else expect(p).toBeLessThan(0.2);
      }
    }
  });

  it('gives a label never seen a constant 0, and one always seen a constant 1', () => {
    const { x } = data();
    const model = OneVsRest.fit(
      x,
      Array.from({ length: x.rows }, () => [0]),
      2,
    );
    const probabilities = model.predictProba(x);
    expect(probabilities[0]).toBe(1);
    expect(probabilities[1]).toBe(0);
    expect(model.toState()).toEqual([{ constant: 1 }, { constant: 0 }]);
  });

  it('rebuilds from its state with identical predictions', () => {
    const { x, targets } = data();
    const model = OneVsRest.fit(x, targets, 3);
    const copy = OneVsRest.fromState(model.toState());
    expect(copy.labelCount).toBe(3);
    const a = model.predictProba(x);
    const b = copy.predictProba(x);
    // Weights are stored as float32: equal to about 6 digits.
    a.forEach((p, i) => {
      expect(b[i]).toBeCloseTo(p, 5);
    });
  });
});
