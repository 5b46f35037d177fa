/** Writes the gradient at `x` into `gradient` and returns the objective's value there. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Iteration cap (one iteration = one accepted step). @defaultValue 100 */
  maxIterations: number;
  /**
   * Number of (step, gradient change) pairs kept for the inverse-Hessian estimate.
   * @defaultValue 10
   */
  memory: number;
  /** Stop when the largest gradient component is at most this (SciPy's `pgtol`). @defaultValue 1e-4 */
  gradientTolerance: number;
  /**
   * Stop when the relative decrease of the objective is at most this (SciPy's `ftol`).
   * @defaultValue 1e-9
   */
  functionTolerance: number;
  /**
   * A diagonal estimate of the inverse Hessian (a preconditioner): the estimate starts from
   * this diagonal, scaled at each step by `s·y / yᵀDy`, instead of from a multiple of the
   * identity. For objectives whose coordinates differ in curvature by orders of magnitude.
   */
  preconditioner?: Float64Array;
}

export const DEFAULT_LBFGS_OPTIONS: LbfgsOptions = {
  maxIterations: 100,
  memory: 10,
  gradientTolerance: 1e-4,
  functionTolerance: 1e-9,
};

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 30;

/** One remembered step `s` and gradient change `y`, with `s·y`. */
interface CurvaturePair {
  step: Float64Array;
  change: Float64Array;
  curvature: number;
  /** `y·y`, for the curvature check. */
  changeSquared: number;
  /** `yᵀDy` with the preconditioner `D` (`y·y` without one), for the initial Hessian scale. */
  scaledChangeSquared: number;
  /** Scratch for the two-loop recursion. */
  alpha: number;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex
 * objectives such as regularised logistic regression; deterministic for a given start.
 *
 * The solver's vectors are as long as the vocabulary, so every pass over them costs: the
 * loops are fused (about 2·memory + 3 passes per iteration instead of 4·memory + 8).
 */
export function minimizeLbfgs(
  objective: Objective,
  start: Float64Array,
  options: Partial<LbfgsOptions> = {},
): LbfgsResult {
  const { maxIterations, memory, gradientTolerance, functionTolerance, preconditioner } = {
    ...DEFAULT_LBFGS_OPTIONS,
    ...options,
  };
  if (preconditioner && preconditioner.length !== start.length) {
    throw new RangeError(
      `preconditioner has ${preconditioner.length} entries, x has ${start.length}`,
    );
  }
  const size = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(size);
  let value = objective(x, gradient);
  let evaluations = 1;
  let largestGradient = maxAbs(gradient);
  let candidate = new Float64Array(size);
  let candidateGradient = new Float64Array(size);
  const direction = new Float64Array(size);
  const pairs: CurvaturePair[] = [];
  let spare: CurvaturePair | undefined;

  const result = (iterations: number, converged: boolean): LbfgsResult => ({
    x,
    value,
    iterations,
    evaluations,
    converged,
  });

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (largestGradient <= gradientTolerance) return result(iteration, true);
    let slope = searchDirection(gradient, pairs, direction, preconditioner);
    if (!(slope < 0)) {
      // The estimate lost positive definiteness (rounding): restart from steepest descent.
      pairs.length = 0;
      slope = 0;
      for (let i = 0; i < size; i++) {
        const g = gradient[i] as number;
        direction[i] = -g;
        slope -= g * g;
      }
    }
    // The first step has no curvature information: keep its length near 1. (It stays plain
    // steepest descent with a preconditioner too: scaled, it took more steps in all.)
    let stepSize = pairs.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let candidateValue = Number.POSITIVE_INFINITY;
    for (let backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
      for (let i = 0; i < size; i++) {
        candidate[i] = (x[i] as number) + stepSize * (direction[i] as number);
      }
      candidateValue = objective(candidate, candidateGradient);
      evaluations++;
      if (candidateValue <= value + ARMIJO * stepSize * slope) break;
      stepSize *= 0.5;
    }
    if (!(candidateValue < value)) return result(iteration, largestGradient <= gradientTolerance);

    // One pass: the new pair, its curvature, and the new largest gradient component.
    const pair =
      pairs.length === memory ? (pairs.shift() as CurvaturePair) : (spare ?? newPair(size));
    spare = undefined;
    const { step, change } = pair;
    let curvature = 0;
    let changeSquared = 0;
    largestGradient = 0;
    for (let i = 0; i < size; i++) {
      const s = (candidate[i] as number) - (x[i] as number);
      const g = candidateGradient[i] as number;
      const y = g - (gradient[i] as number);
      step[i] = s;
      change[i] = y;
      curvature += s * y;
      changeSquared += y * y;
      largestGradient = Math.max(largestGradient, Math.abs(g));
    }
    let scaledChangeSquared = changeSquared;
    if (preconditioner) {
      scaledChangeSquared = 0;
      for (let i = 0; i < size; i++) {
        const y = change[i] as number;
        scaledChangeSquared += y * y * (preconditioner[i] as number);
      }
    }
    // Only pairs with positive curvature keep the estimate positive definite.
    if (curvature > 1e-10 * changeSquared) {
      pair.curvature = curvature;
      pair.changeSquared = changeSquared;
      pair.scaledChangeSquared = scaledChangeSquared;
      pairs.push(pair);
    } else {
      spare = pair;
    }

    [x, candidate] = [candidate, x];
    [gradient, candidateGradient] = [candidateGradient, gradient];
    const previous = value;
    value = candidateValue;
    const decrease = previous - value;
    if (decrease <= functionTolerance * Math.max(Math.abs(previous), Math.abs(value), 1)) {
      return result(iteration + 1, true);
    }
  }
  return result(maxIterations, largestGradient <= gradientTolerance);
}

function newPair(size: number): CurvaturePair {
  return {
    step: new Float64Array(size),
    change: new Float64Array(size),
    curvature: 0,
    changeSquared: 0,
    scaledChangeSquared: 0,
    alpha: 0,
  };
}

/**
 * The two-loop recursion, `direction = -H·gradient` for the L-BFGS estimate `H`, with each
 * pass also taking the dot product the next one needs. Returns `direction·gradient`.
 */
function searchDirection(
  gradient: Float64Array,
  pairs: readonly CurvaturePair[],
  direction: Float64Array,
  preconditioner: Float64Array | undefined,
): number {
  const size = gradient.length;
  const newest = pairs.length - 1;
  if (newest < 0) {
    let slope = 0;
    for (let i = 0; i < size; i++) {
      const g = gradient[i] as number;
      direction[i] = -g;
      slope -= g * g;
    }
    return slope;
  }
  // q = -gradient, and s_newest·q.
  let next = pairs[newest] as CurvaturePair;
  let product = 0;
  for (let i = 0; i < size; i++) {
    const q = -(gradient[i] as number);
    direction[i] = q;
    product += (next.step[i] as number) * q;
  }
  // Newest to oldest: q -= alpha_k·y_k, then s_(k-1)·q. After the oldest, scale q by
  // gamma = s·y / y·y of the newest pair (times the preconditioner's diagonal, with yᵀDy), and
  // take y_oldest·q for the second loop.
  const gamma = next.curvature / next.scaledChangeSquared;
  for (let k = newest; k >= 0; k--) {
    const pair = next;
    pair.alpha = product / pair.curvature;
    const alpha = pair.alpha;
    const { change } = pair;
    product = 0;
    if (k > 0) {
      next = pairs[k - 1] as CurvaturePair;
      const { step } = next;
      for (let i = 0; i < size; i++) {
        const q = (direction[i] as number) - alpha * (change[i] as number);
        direction[i] = q;
        product += (step[i] as number) * q;
      }
    } else {
      const oldest = (pairs[0] as CurvaturePair).change;
      for (let i = 0; i < size; i++) {
        const scale = preconditioner ? gamma * (preconditioner[i] as number) : gamma;
        const r = scale * ((direction[i] as number) - alpha * (change[i] as number));
        direction[i] = r;
        product += (oldest[i] as number) * r;
      }
    }
  }
  // Oldest to newest: r += (alpha_k - beta_k)·s_k, then y_(k+1)·r; the last pass
  // takes direction·gradient instead.
  let slope = 0;
  for (let k = 0; k <= newest; k++) {
    const pair = pairs[k] as CurvaturePair;
    const factor = pair.alpha - product / pair.curvature;
    const { step } = pair;
    product = 0;
    const following = k < newest ? (pairs[k + 1] as CurvaturePair).change : gradient;
    let dot = 0;
    for (let i = 0; i < size; i++) {
      const r = (direction[i] as number) + factor * (step[i] as number);
      direction[i] = r;
      dot += (following[i] as number) * r;
    }
    if (k < newest) product = dot;
    else slope = dot;
  }
  return slope;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}
