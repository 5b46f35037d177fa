import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from './lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const scales = [1, 10, 100, 1000];
    const center = [3, -2, 0.5, 7];
    const quadratic: Objective = (x, gradient) => {
      let value = 0;
      for (let i = 0; i < x.length; i++) {
        const d = x[i]! - center[i]!;
        value += 0.5 * scales[i]! * d * d;
        gradient[i] = scales[i]! * d;
      }
      return value;
    };
    const result = minimizeLbfgs(quadratic, new Float64Array(4), {
      gradientTolerance: 1e-8,
      functionTolerance: 0,
    });
    expect(result.converged).toBe(true);
    Array.from(result.x).forEach((value, i) => {
      expect(value).toBeCloseTo(center[i]!, 6);
    });
  });

  it('needs far fewer steps on a badly scaled problem with its inverse diagonal as preconditioner', () => {
    // 50 coordinates whose curvatures span six orders of magnitude, as TF-IDF columns do.
    const size = 50;
    const scales = Float64Array.from({ length: size }, (_, i) => 10 ** ((6 * i) / (size - 1)));
    const quadratic: Objective = (x, gradient) => {
      let value = 0;
      for (let i = 0; i < size; i++) {
        const d = x[i]! - 1;
        value += 0.5 * scales[i]! * d * d;
        gradient[i] = scales[i]! * d;
      }
      return value;
    };
    const options = { gradientTolerance: 1e-6, functionTolerance: 0, maxIterations: 500 };
    const plain = minimizeLbfgs(quadratic, new Float64Array(size), options);
    const preconditioned = minimizeLbfgs(quadratic, new Float64Array(size), {
      ...options,
      preconditioner: scales.map((scale) => 1 / scale),
    });
    expect(preconditioned.converged).toBe(true);
    expect(preconditioned.iterations).toBeLessThan(5);
    // Without it, 500 steps do not get there.
    expect(plain.iterations).toBeGreaterThan(100);
    for (const value of preconditioned.x) expect(value).toBeCloseTo(1, 6);
    expect(() =>
      minimizeLbfgs(quadratic, new Float64Array(size), { preconditioner: new Float64Array(3) }),
    ).toThrow(/preconditioner has 3 entries/);
  });

  it('walks the Rosenbrock valley to (1, 1)', () => {
    const rosenbrock: Objective = ([a = 0, b = 0], gradient) => {
      gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      gradient[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      maxIterations: 500,
      gradientTolerance: 1e-6,
      functionTolerance: 0,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('stops at the iteration cap and says it did not converge', () => {
    const slowSlope: Objective = ([a = 0], gradient) => {
      gradient[0] = Math.exp(a) - 1e-9;
      return Math.exp(a) - 1e-9 * a;
    };
    const result = minimizeLbfgs(slowSlope, Float64Array.of(0), {
      maxIterations: 3,
      functionTolerance: 0,
    });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
  });
});
