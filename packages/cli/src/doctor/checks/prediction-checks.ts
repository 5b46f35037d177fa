import { checkPrediction, type LabelInterface, type Prediction, type Task } from '@lsml/core';
import { answerError } from '../../label-studio/backend-http.js';
import { projectKey } from '../../label-studio/project-key.js';
import type { DoctorContext } from '../doctor-context.js';

/**
 * A dry-run `/predict` on the sampled tasks, sent as Label Studio sends it, and every answer read
 * as Label Studio reads it: one result per task, each region checked against the config (tag
 * names, types, labels, region ids), scores, and the model version. Nothing is stored.
 */
export async function checkPredictions(ctx: DoctorContext): Promise<void> {
  const tasks = ctx.tasks ?? [];
  const { project, labelInterface: li, modelVersion } = ctx;
  if (!project || !li || modelVersion === undefined || tasks.length === 0) {
    ctx.checks.skip(
      'predict',
      tasks.length === 0 && ctx.tasks !== undefined
        ? 'predictions not checked: the project has no tasks yet'
        : 'predictions not checked: they need the project, its tasks and a working /setup',
    );
    return;
  }
  const ask = (batch: Task[]) =>
    ctx.backend.http.call('POST', '/predict', {
      tasks: batch,
      model_version: modelVersion,
      project: projectKey(project),
      label_config: project.label_config,
      params: { login: null, password: null, context: null },
    });
  const answer = await ask(tasks);
  const problems: string[] = [];
  const warnings: string[] = [];
  let predictions: (Prediction | undefined)[] = [];
  const body = answer.json as { results?: unknown; model_version?: unknown } | undefined;
  if (answer.status !== 200 || !Array.isArray(body?.results)) {
    // Which tasks fail, and why: each one alone.
    for (const task of tasks) {
      const single = await ask([task]);
      const results = (single.json as { results?: unknown } | undefined)?.results;
      if (single.status === 200 && Array.isArray(results))
        predictions.push(results[0] as Prediction);
      else {
        predictions.push(undefined);
        problems.push(`task ${String(task.id)}: ${answerError(single)}`);
      }
    }
  } else {
    predictions = body.results as Prediction[];
    if (predictions.length !== tasks.length) {
      if (predictions.length === 1 && tasks.length > 1)
        warnings.push(
          `1 result for ${tasks.length} tasks: Label Studio then asks again task by task (slow)`,
        );
      else
        problems.push(
          `${predictions.length} results for ${tasks.length} tasks: Label Studio drops the whole batch`,
        );
    }
  }
  const top = typeof body?.model_version === 'string' ? body.model_version : undefined;
  const scores = { missing: 0 };
  const empty = { count: 0 };
  predictions.forEach((prediction, i) => {
    const task = tasks[i];
    if (prediction === undefined || task === undefined) return;
    read(prediction, task, li, problems, scores, empty);
    const version = prediction.model_version ?? top;
    if (
      version !== undefined &&
      version !== modelVersion &&
      !warnings.some((w) => w.includes('model_version'))
    )
      warnings.push(
        `task ${String(task.id)}: model_version "${version}" but /setup answers "${modelVersion}": Label Studio keeps asking again for tasks that have no prediction of the /setup version`,
      );
  });
  if (scores.missing > 0)
    warnings.push(
      `${scores.missing} of ${predictions.length} predictions have no task score: Data Manager cannot sort by it (active learning)`,
    );
  const answered = predictions.filter((p) => p !== undefined).length;
  if (answered > 0 && empty.count === answered)
    warnings.push('every prediction is empty: annotators will see nothing');
  const about = `${tasks.length} task${tasks.length === 1 ? '' : 's'} (ids ${tasks.map((t) => String(t.id)).join(', ')})`;
  if (problems.length > 0) {
    ctx.checks.fail(
      'predict',
      `/predict on ${about}: ${problems.length} problem${problems.length === 1 ? '' : 's'} Label Studio would drop or show wrong`,
      "make the results name the config's tags and labels exactly (core's builders do: choices(control, label), rectangle(…)), one prediction per task in order",
      [...problems, ...warnings],
    );
    return;
  }
  if (warnings.length > 0) {
    ctx.checks.warn(
      'predict',
      `/predict on ${about} works, with warnings`,
      'see the lines above',
      warnings,
    );
    return;
  }
  ctx.checks.ok(
    'predict',
    `/predict on ${about}: every result fits the config (model version ${modelVersion}, ${Math.round(answer.ms)} ms)`,
  );
}

function read(
  prediction: Prediction,
  task: Task,
  li: LabelInterface,
  problems: string[],
  scores: { missing: number },
  empty: { count: number },
): void {
  const where = `task ${String(task.id)}`;
  if (typeof prediction !== 'object' || (prediction as unknown) === null) {
    problems.push(`${where}: the prediction is not an object`);
    return;
  }
  for (const problem of checkPrediction(prediction, li))
    problems.push(
      `${where}${problem.resultIndex < 0 ? '' : ` result[${problem.resultIndex}]`}: ${problem.message}`,
    );
  if (prediction.score === undefined) scores.missing++;
  const results = Array.isArray(prediction.result) ? prediction.result : [];
  if (results.length === 0) empty.count++;
  const seen = new Set<string>();
  results.forEach((region, i) => {
    if (region.id === undefined) return;
    if (typeof region.id !== 'string' || region.id === '')
      problems.push(`${where} result[${i}]: region id must be a non-empty string`);
    // Per-region controls share their region's id on purpose; two regions of one control may not.
    else if (seen.has(`${region.from_name}\n${region.id}`))
      problems.push(
        `${where} result[${i}]: region id "${region.id}" is used twice by ${region.from_name} (relations and per-region labels need one id per region)`,
      );
    else seen.add(`${region.from_name}\n${region.id}`);
  });
}
