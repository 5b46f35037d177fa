/**
 * Task scores for active learning. Every score is a confidence in [0, 1]: Label Studio's Data
 * Manager sorts by it, and ascending order puts the tasks the model is least sure of first.
 * (Written here because @lsml/core exports no uncertainty helpers yet.)
 */
export type ScoreKind = 'probability' | 'margin' | 'entropy';

export const SCORE_KINDS: readonly ScoreKind[] = ['probability', 'margin', 'entropy'];

/**
 * Confidence of a single-label prediction from its class probabilities:
 * - `probability`: the top class's probability;
 * - `margin`: top minus runner-up probability;
 * - `entropy`: 1 − entropy / ln(classes), i.e. 1 for a certain answer, 0 for a uniform one.
 */
export function singleLabelScore(probabilities: ArrayLike<number>, kind: ScoreKind): number {
  const n = probabilities.length;
  if (n === 0) return 0;
  if (kind === 'entropy') return n < 2 ? 1 : 1 - entropy(probabilities) / Math.log(n);
  let top = 0;
  let second = 0;
  for (let k = 0; k < n; k++) {
    const p = probabilities[k] as number;
    if (p > top) {
      second = top;
      top = p;
    } else if (p > second) {
      second = p;
    }
  }
  return kind === 'probability' ? top : top - second;
}

/**
 * Confidence of a multi-label prediction (independent yes/no per label): the least
 * confident label's single-label score on its two outcomes.
 */
export function multiLabelScore(probabilities: ArrayLike<number>, kind: ScoreKind): number {
  let least = 1;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k] as number;
    least = Math.min(least, singleLabelScore([p, 1 - p], kind));
  }
  return least;
}

function entropy(probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k] as number;
    if (p > 0) sum -= p * Math.log(p);
  }
  return sum;
}
