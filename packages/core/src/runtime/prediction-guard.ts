import { LsmlError } from '../errors/index.js';
import type { LabelInterface } from '../label-config/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Prediction } from '../contract/types.js';
import { checkPrediction } from '../predictions/index.js';

/**
 * Checks every result against the label config before Label Studio sees it. Strict: the first
 * problem fails the request (500, naming the offender). Lenient: bad results are dropped and logged.
 */
export function guardPredictions(
  predictions: Prediction[],
  labelInterface: LabelInterface,
  mode: 'strict' | 'lenient',
  log: Logger,
  metrics: Metrics,
): Prediction[] {
  return predictions.map((prediction, taskIndex) => {
    const problems = checkPrediction(prediction, labelInterface);
    if (problems.length === 0) return prediction;
    const first = problems[0];
    if (mode === 'strict' && first) {
      metrics.predictErrors.inc({ reason: 'invalid_result' });
      const where = first.resultIndex < 0 ? '' : `result[${first.resultIndex}]: `;
      throw new LsmlError(
        'INVALID_PREDICTION',
        `Prediction for task #${taskIndex} is invalid for the label config: ${where}${first.message}`,
      );
    }
    const bad = new Set(problems.map((p) => p.resultIndex));
    for (const p of problems)
      log.warn({ taskIndex, resultIndex: p.resultIndex }, `dropped invalid result: ${p.message}`);
    metrics.predictErrors.inc({ reason: 'invalid_result' }, bad.size);
    // resultIndex -1 is about the prediction itself: a result that is not a list, a bad score.
    const result = Array.isArray(prediction.result)
      ? prediction.result.filter((_, i) => !bad.has(i))
      : [];
    const { score, ...rest } = prediction;
    return { ...rest, result, ...(Number.isFinite(score) ? { score } : {}) };
  });
}
