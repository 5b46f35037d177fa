import { LsmlError } from '../errors/index.js';

/**
 * Scores for active learning from class probabilities. Label Studio sorts tasks by the
 * prediction `score`; sorting ascending by the default (`top`) shows the least sure first.
 * The uncertainty modes grow with doubt, so sort those descending.
 */

/**
 * How {@link scoreFromProbabilities} turns probabilities into the task score. `probability` is
 * another name for `top` (the name the examples' `SCORE` variable uses).
 *
 * @example
 * const mode: ScoreMode = 'entropy';
 */
export type ScoreMode = 'top' | 'probability' | 'least-confidence' | 'margin' | 'entropy';

/** Every {@link ScoreMode}, for messages and docs. */
export const SCORE_MODES: readonly ScoreMode[] = [
  'probability',
  'top',
  'least-confidence',
  'margin',
  'entropy',
];

/**
 * The score mode an environment value names (any case, spaces trimmed); `fallback` when it is
 * unset or empty. Any other value throws `VALIDATION_FAILED` naming `variable` and the modes,
 * so a typo stops the backend at start instead of sorting tasks by the wrong score.
 *
 * @example
 * const mode = parseScoreMode(env.SCORE); // 'probability' when SCORE is unset
 * parseScoreMode('Margin', { variable: 'SCORE' }); // 'margin'
 */
export function parseScoreMode(
  value: string | undefined,
  {
    variable = 'SCORE',
    fallback = 'probability',
  }: { variable?: string; fallback?: ScoreMode } = {},
): ScoreMode {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '') return fallback;
  const mode = SCORE_MODES.find((m) => m === text);
  if (mode !== undefined) return mode;
  throw new LsmlError(
    'VALIDATION_FAILED',
    `${variable}="${value ?? ''}" is not a score mode: use ${SCORE_MODES.join(', ')} (or leave ${variable} unset for ${fallback})`,
  );
}

function topTwo(probs: readonly number[]): [number, number] {
  let first = 0;
  let second = 0;
  for (const p of probs) {
    if (p > first) [first, second] = [p, first];
    else if (p > second) second = p;
  }
  return [first, second];
}

/** Probability of the most likely class (0 for an empty list). */
export function topProbability(probs: readonly number[]): number {
  return topTwo(probs)[0];
}

/** 1 − p(top class): 0 when sure, near 1 − 1/n when uniform. */
export function leastConfidence(probs: readonly number[]): number {
  return probs.length === 0 ? 0 : 1 - topTwo(probs)[0];
}

/** 1 − (p(top) − p(second)): 1 when the two best classes tie. */
export function marginUncertainty(probs: readonly number[]): number {
  if (probs.length === 0) return 0;
  const [first, second] = topTwo(probs);
  return 1 - (first - second);
}

/** Shannon entropy normalised by log(n), so it lies in 0–1 for any number of classes. */
export function entropy(probs: readonly number[]): number {
  if (probs.length < 2) return 0;
  let h = 0;
  for (const p of probs) if (p > 0) h -= p * Math.log(p);
  return Math.min(1, Math.max(0, h / Math.log(probs.length)));
}

/**
 * The task-level score from class probabilities. Default `top` (also called `probability`):
 * the probability of the predicted class, which is what Label Studio's examples send.
 *
 * @example
 * scoreFromProbabilities([0.7, 0.2, 0.1]); // 0.7
 * scoreFromProbabilities([0.5, 0.5], 'margin'); // 1
 */
export function scoreFromProbabilities(probs: readonly number[], mode: ScoreMode = 'top'): number {
  switch (mode) {
    case 'top':
    case 'probability':
      return topProbability(probs);
    case 'least-confidence':
      return leastConfidence(probs);
    case 'margin':
      return marginUncertainty(probs);
    case 'entropy':
      return entropy(probs);
  }
}
