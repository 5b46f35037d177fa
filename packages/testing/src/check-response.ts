import { parseLabelConfig, type Prediction } from '@lsml/core';

/**
 * Checks a /predict answer the way Label Studio reads it: a `results` list with exactly one
 * entry per task, each with a `result` list whose regions name a real control, one of its
 * objects and the control's type, labels from the config, a numeric score, and a model_version.
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
    p.result.forEach((r, j) => {
      const control = li.control(r.from_name);
      if (!control)
        return problems.push(
          `results[${i}].result[${j}].from_name "${r.from_name}" is not a control`,
        );
      if (!control.toName.includes(r.to_name))
        problems.push(
          `results[${i}].result[${j}].to_name "${r.to_name}" is not a target of ${control.name}`,
        );
      if (r.type !== control.type)
        problems.push(`results[${i}].result[${j}].type "${r.type}" is not ${control.type}`);
      const labels = r.value[control.type];
      const known = new Set(control.labels.map((l) => l.value));
      if (Array.isArray(labels) && control.type !== 'taxonomy') {
        for (const label of labels)
          if (!known.has(String(label)))
            problems.push(
              `results[${i}].result[${j}] label "${String(label)}" is not in the config`,
            );
      }
      return undefined;
    });
    return undefined;
  });
  return problems;
}
