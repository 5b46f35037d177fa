import { scoreFromProbabilities, type ScoreMode } from '@lsml/core';

/**
 * Task scores for active learning, from @lsml/core's helpers. `probability` is a confidence
 * (sort ascending in Label Studio's Data Manager to see the least sure first); `margin` and
 * `entropy` are uncertainties in [0, 1] (sort descending).
 */
export type ScoreKind = 'probability' | 'margin' | 'entropy';

export const SCORE_KINDS: readonly ScoreKind[] = ['probability', 'margin', 'entropy'];

const CORE_MODE: Record<ScoreKind, ScoreMode> = {
  probability: 'top',
  margin: 'margin',
  entropy: 'entropy',
};

/** The score of a single-label prediction from its class probabilities. */
export function singleLabelScore(probabilities: ArrayLike<number>, kind: ScoreKind): number {
  return scoreFromProbabilities(Array.from(probabilities), CORE_MODE[kind]);
}

/**
 * The score of a multi-label prediction (an independent yes/no per label): that of the label
 * the model is least sure about.
 */
export function multiLabelScore(probabilities: ArrayLike<number>, kind: ScoreKind): number {
  const perLabel = Array.from(probabilities, (p) => singleLabelScore([p, 1 - p], kind));
  if (perLabel.length === 0) return kind === 'probability' ? 1 : 0;
  return kind === 'probability' ? Math.min(...perLabel) : Math.max(...perLabel);
}
