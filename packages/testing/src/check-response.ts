import { checkPrediction, parseLabelConfig, type Prediction } from '@lsml/core';

/**
 * Checks a /predict answer the way Label Studio reads it: a `results` list with exactly one
 * entry per task, each with a `result` list that passes core's `checkPrediction` (real
 * control and object, matching type, value shape, labels from the config), a numeric score,
 * and a model_version.
 * Returns the problems found (empty when Label Studio would import every prediction).
 */
export function predictResponseProblems(
  body: unknown,
  taskCount: number,
  config: string,
): string[] {
  const problems: string[] = [];
  const li = parseLabelConfig(config);
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { results?: unknown }).results)
  ) {
    return ['body has no "results" list'];
  }
  const { results, model_version } = body as { results: Prediction[]; model_version?: unknown };
  if (typeof model_version !== 'string' || model_version === '')
    problems.push('response model_version missing');
  if (results.length !== taskCount)
    problems.push(`results has ${results.length} entries for ${taskCount} tasks`);
  results.forEach((p, i) => {
    if (!Array.isArray(p.result)) return problems.push(`results[${i}].result is not a list`);
    if (p.score !== undefined && !Number.isFinite(p.score))
      problems.push(`results[${i}].score is not a number`);
    if (typeof p.model_version !== 'string') problems.push(`results[${i}].model_version missing`);
    // The per-region rules (types, shapes, labels and aliases, taxonomy paths) are core's, so
    // a backend's tests and the server's strict validation never disagree.
    for (const problem of checkPrediction(p, li)) {
      const where = problem.resultIndex < 0 ? '' : `.result[${problem.resultIndex}]`;
      problems.push(`results[${i}]${where}: ${problem.message}`);
    }
    return undefined;
  });
  return problems;
}
