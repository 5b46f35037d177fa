import { textarea, type Prediction, type Target } from '@lsml/core';
import type { Candidate } from './generation/generate-responses.js';
import type { BuiltPrompt } from './prompt/build-prompt.js';

/** Pooled token probability: every token of every candidate weighs the same. */
function meanTokenProbability(candidates: readonly Candidate[]): number {
  const tokens = candidates.reduce((n, c) => n + c.tokenCount, 0);
  if (tokens === 0) return 0;
  return candidates.reduce((s, c) => s + c.meanProbability * c.tokenCount, 0) / tokens;
}

/**
 * The candidates as one TextArea answer, scored by their mean token probability (low: the
 * model was unsure, so Label Studio's score ordering shows these dialogues first). With
 * `debug` (LSML_DEBUG_PROMPT), `meta` holds the exact prompt and the examples it showed.
 */
export function responsePrediction(
  target: Target,
  candidates: readonly Candidate[],
  debug: BuiltPrompt | undefined,
): Prediction {
  const texts = candidates.map((c) => c.text).filter((t) => t !== '');
  const score = meanTokenProbability(candidates);
  const prediction: Prediction = {
    score,
    result:
      texts.length === 0
        ? []
        : [textarea(target.control, texts, { toName: target.object.name, score })],
  };
  if (debug) prediction.meta = { prompt: debug.text, few_shot_task_ids: debug.fewShotTaskIds };
  return prediction;
}
