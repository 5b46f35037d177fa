import { scoreFromProbabilities, type ScoreMode } from '@lsml/core';

/**
 * Task scores for active learning, from @lsml/core's helpers. `probability` (the default) is a
 * confidence: sort ascending in Label Studio's Data Manager to see the least sure first; the
 * other modes are uncertainties in [0, 1]: sort descending.
 */
const isConfidence = (mode: ScoreMode) => mode === 'probability' || mode === 'top';

/** The score of a single-label prediction from its class probabilities. */
export function singleLabelScore(probabilities: ArrayLike<number>, mode: ScoreMode): number {
  return scoreFromProbabilities(Array.from(probabilities), mode);
}

/**
 * The score of a multi-label prediction (an independent yes/no per label): that of the label
 * the model is least sure about.
 */
export function multiLabelScore(probabilities: ArrayLike<number>, mode: ScoreMode): number {
  const perLabel = Array.from(probabilities, (p) => singleLabelScore([p, 1 - p], mode));
  if (perLabel.length === 0) return isConfidence(mode) ? 1 : 0;
  return isConfidence(mode) ? Math.min(...perLabel) : Math.max(...perLabel);
}
