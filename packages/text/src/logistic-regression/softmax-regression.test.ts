import { describe, expect, it } from 'vitest';
import { randomCsr, seededRandom } from '../../test/random-sparse.js';
import { minimizeLbfgs } from './lbfgs.js';
import { SoftmaxRegression, freeClassCount, softmaxLossAndGradient } from './softmax-regression.js';
import { CsrBuilder, toCsc } from '../sparse/sparse-matrix.js';

describe('softmaxLossAndGradient', () => {
  for (const classCount of [2, 3, 5]) {
    it(`matches central finite differences with ${classCount} classes`, () => {
      const x = randomCsr(30, 12, 0.3, classCount);
      const columns = toCsc(x);
      const random = seededRandom(99);
      const labels = Int32Array.from({ length: x.rows }, () => Math.floor(random() * classCount));
      const size = (x.columns + 1) * freeClassCount(classCount);
      const w = Float64Array.from({ length: size }, () => random() - 0.5);
      const gradient = new Float64Array(size);
      softmaxLossAndGradient(columns, labels, classCount, 0.3, w, gradient);

      const h = 1e-6;
      const scratch = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const plus = Float64Array.from(w);
        plus[i] = w[i]! + h;
        const minus = Float64Array.from(w);
        minus[i] = w[i]! - h;
        const numeric =
          (softmaxLossAndGradient(columns, labels, classCount, 0.3, plus, scratch) -
            softmaxLossAndGradient(columns, labels, classCount, 0.3, minus, scratch)) /
          (2 * h);
        expect(gradient[i]).toBeCloseTo(numeric, 7);
      }
    });
  }

  it('does not penalise the intercepts', () => {
    const x = new CsrBuilder().build(3); // no rows: only the penalty is left
    const w = Float64Array.of(1, 2, 3, 40);
    const gradient = new Float64Array(4);
    const value = softmaxLossAndGradient(
      toCsc({ ...x, rows: 0, indptr: Int32Array.of(0) }),
      new Int32Array(0),
      2,
      2,
      w,
      gradient,
    );
    expect(Array.from(gradient)).toEqual([2, 4, 6, 0]);
    expect(value).toBeNaN(); // mean over zero rows
  });
});

describe('SoftmaxRegression', () => {
  /** Three well separated classes: class k has feature k set, plus shared noise. */
  function separable(rows: number) {
    const random = seededRandom(5);
    const builder = new CsrBuilder();
    const labels = new Int32Array(rows);
    for (let row = 0; row < rows; row++) {
      const label = row % 3;
      labels[row] = label;
      builder.appendRow([label, 3 + (row % 4)], [1, random()], 2);
    }
    return { x: builder.build(7), labels };
  }

  it('learns a separable three-class problem', () => {
    const { x, labels } = separable(60);
    const { model, solver } = SoftmaxRegression.fit(x, labels, 3, { c: 100 });
    expect(solver.converged).toBe(true);
    const probabilities = model.predictProba(x);
    for (let row = 0; row < x.rows; row++) {
      expect(probabilities[row * 3 + labels[row]!]).toBeGreaterThan(0.9);
      const sum =
        probabilities[row * 3]! + probabilities[row * 3 + 1]! + probabilities[row * 3 + 2]!;
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it('regularises harder with a smaller C', () => {
    const { x, labels } = separable(60);
    const confident = SoftmaxRegression.fit(x, labels, 3, { c: 100 }).model.predictProba(x);
    const cautious = SoftmaxRegression.fit(x, labels, 3, { c: 0.01 }).model.predictProba(x);
    expect(cautious[0]).toBeLessThan(confident[0]!);
    expect(cautious[0]).toBeGreaterThan(1 / 3);
  });

  it('starts from the intercepts that give every row the class frequencies', () => {
    const x = randomCsr(10, 4, 0.5, 8);
    for (const [classCount, labels, expected] of [
      [2, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1], [0.3, 0.7]],
      [3, [0, 1, 1, 2, 2, 2, 2, 2, 2, 2], [0.1, 0.2, 0.7]],
    ] as const) {
      const { model } = SoftmaxRegression.fit(x, Int32Array.from(labels), classCount, {
        solver: { maxIterations: 0 },
      });
      const probabilities = model.predictProba(x);
      expected.forEach((p, k) => {
        expect(probabilities[k]).toBeCloseTo(p, 6);
      });
    }
  });

  it('is deterministic', () => {
    const x = randomCsr(40, 20, 0.2, 3);
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const a = SoftmaxRegression.fit(x, labels, 2).model.toState();
    const b = SoftmaxRegression.fit(x, labels, 2).model.toState();
    expect(b.weights).toEqual(a.weights);
  });

  it('solves the same problem as a plain minimisation without collapsed columns', () => {
    // Sparse enough that many columns occur in one row only, which fit() collapses.
    const x = randomCsr(40, 200, 0.02, 11);
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 3);
    const { model } = SoftmaxRegression.fit(x, labels, 3, {
      c: 5,
      solver: { gradientTolerance: 1e-10, functionTolerance: 0, maxIterations: 1000 },
    });
    const columns = toCsc(x);
    const direct = minimizeLbfgs(
      (w, g) => softmaxLossAndGradient(columns, labels, 3, 1 / (5 * x.rows), w, g),
      new Float64Array(201 * 3),
      { gradientTolerance: 1e-10, functionTolerance: 0, maxIterations: 1000 },
    );
    // Same objective value at both solutions, and the same predictions. (Not the same
    // weights to many digits: the problem is flat in some directions, so solvers taking
    // different paths stop at different points of the same near-optimal valley.)
    const ours = Float64Array.from(model.toState().weights);
    const objectiveAtOurs = softmaxLossAndGradient(
      columns,
      labels,
      3,
      1 / (5 * x.rows),
      ours,
      new Float64Array(ours.length),
    );
    expect(objectiveAtOurs).toBeCloseTo(direct.value, 6);
    const reference = SoftmaxRegression.fromState({
      classCount: 3,
      featureCount: 200,
      weights: Float32Array.from(direct.x),
    });
    const expected = reference.predictProba(x);
    model.predictProba(x).forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i]!, 3);
    });
  });

  it('refuses fewer than two classes and weights of the wrong length', () => {
    const x = randomCsr(4, 3, 0.5, 1);
    expect(() => SoftmaxRegression.fit(x, new Int32Array(4), 1)).toThrow(RangeError);
    expect(() =>
      SoftmaxRegression.fromState({ classCount: 3, featureCount: 3, weights: new Float32Array(4) }),
    ).toThrow(/expected 12 weights/);
  });
});
