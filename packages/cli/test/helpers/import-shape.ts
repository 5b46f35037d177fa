import { predictResponseProblems } from '@lsml/testing';

/**
 * What Label Studio's import would reject in a predict output: it must be a JSON array of
 * tasks, each with a `data` object and a `predictions` list whose entries are valid for the
 * label config. Returns the problems (empty when every task imports).
 */
export function importShapeProblems(output: unknown, config: string): string[] {
  if (!Array.isArray(output)) return ['output is not a JSON array'];
  const problems: string[] = [];
  output.forEach((task: unknown, i) => {
    if (typeof task !== 'object' || task === null) return problems.push(`[${i}] is not an object`);
    const { data, predictions } = task as { data?: unknown; predictions?: unknown };
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      problems.push(`[${i}].data is not an object`);
    if (!Array.isArray(predictions) || predictions.length === 0)
      return problems.push(`[${i}].predictions is not a non-empty list`);
    const version = (predictions[0] as { model_version?: unknown }).model_version;
    for (const p of predictResponseProblems(
      { results: predictions, model_version: version },
      predictions.length,
      config,
    ))
      problems.push(`[${i}]: ${p}`);
    return undefined;
  });
  return problems;
}
