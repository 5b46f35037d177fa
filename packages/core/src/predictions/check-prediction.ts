import { LsmlError } from '../errors/index.js';
import { labelKey, type LabelInterface } from '../label-config/index.js';
import type { Prediction, RegionResult } from '../contract/types.js';
import { labelProblems } from './label-checks.js';
import { perRegionProblems, regionsOf } from './per-region-checks.js';
import { rankerObjectProblems } from './ranker-checks.js';
import { typeFitsControl } from './result-kinds.js';
import { imageRegionType } from './shape-checks.js';
import { showValue } from './show-value.js';
import { valueProblems } from './value-checks.js';

/**
 * One thing wrong with a prediction. `resultIndex` is the offending entry of `result`
 * (−1: the prediction itself, e.g. its `score`); `message` names the offender.
 *
 * @example
 * const p: PredictionProblem = { resultIndex: 0, message: 'label "Dog" is not defined in <Choices name="animal">' };
 */
export interface PredictionProblem {
  resultIndex: number;
  message: string;
}

/**
 * Checks a prediction against the label config the way Label Studio will read it: known
 * from_name/to_name, matching type, the value keys that type needs (and no image geometry
 * on a span), non-empty labels from the config, percent coordinates in 0–100 with boxes
 * inside the image, ordered spans, finite scores. Returns every problem (empty = fine).
 *
 * @example
 * checkPrediction({ result: [choices(control, 'Positive')] }, li); // []
 */
export function checkPrediction(prediction: Prediction, li: LabelInterface): PredictionProblem[] {
  const problems: PredictionProblem[] = [];
  if (prediction.score !== undefined && !isFiniteScore(prediction.score))
    problems.push({
      resultIndex: -1,
      message: `prediction score=${String(prediction.score)} is not a finite number`,
    });
  if (!Array.isArray(prediction.result))
    return [...problems, { resultIndex: -1, message: 'prediction result must be a list' }];
  const ids = new Set(
    prediction.result.flatMap((r: RegionResult | null) =>
      typeof r?.id === 'string' ? [r.id] : [],
    ),
  );
  const regions = regionsOf(prediction.result, li);
  prediction.result.forEach((result, resultIndex) => {
    for (const message of resultProblems(result, li, ids, regions))
      problems.push({ resultIndex, message });
  });
  return problems;
}

/**
 * {@link checkPrediction}, throwing: an `INVALID_PREDICTION` error listing every problem, for a
 * backend (or its tests) that wants to fail fast on its own output.
 *
 * @example
 * validatePrediction({ result: [choices(control, 'Positive')] }, li); // returns; throws when invalid
 */
export function validatePrediction(prediction: Prediction, li: LabelInterface): void {
  const problems = checkPrediction(prediction, li);
  if (problems.length === 0) return;
  const list = problems
    .map((p) => (p.resultIndex < 0 ? p.message : `result[${p.resultIndex}]: ${p.message}`))
    .join('; ');
  throw new LsmlError('INVALID_PREDICTION', `Prediction is invalid for the label config: ${list}`);
}

function isFiniteScore(score: unknown): boolean {
  return typeof score === 'number' && Number.isFinite(score);
}

function resultProblems(
  r: RegionResult,
  li: LabelInterface,
  ids: ReadonlySet<string>,
  regions: ReadonlyMap<string, unknown>,
): string[] {
  if (typeof r !== 'object' || (r as unknown) === null) return ['result entry must be an object'];
  const scoreProblem =
    r.score !== undefined && !isFiniteScore(r.score)
      ? [`score=${String(r.score)} is not a finite number`]
      : [];
  if (r.type === 'relation') return [...scoreProblem, ...relationProblems(r, li, ids)];
  const control = li.control(r.from_name);
  const ranker = li.object(r.from_name);
  if (!control && ranker?.tag.toLowerCase() === 'ranker')
    return [...scoreProblem, ...rankerObjectProblems(r, ranker.name)];
  if (!control)
    return [`from_name "${showValue(r.from_name)}" is not a control tag in the label config`];
  const tag = `<${control.tag} name="${control.name}">`;
  const selfAddressed = control.type === 'pairwise' && r.to_name === control.name;
  if (!selfAddressed && !li.object(r.to_name))
    return [`to_name "${showValue(r.to_name)}" is not an object tag in the label config`];
  if (!selfAddressed && !control.toName.includes(r.to_name))
    return [`to_name "${r.to_name}" is not in toName of ${tag} (${control.toName.join(',')})`];
  if (!typeFitsControl(r.type, control.type))
    return [`type "${showValue(r.type)}" does not match ${tag} (expected "${control.type}")`];
  if (typeof r.value !== 'object' || (r.value as unknown) === null || Array.isArray(r.value))
    return [`value of ${tag} must be an object`];
  // A `labels` result on an Image is the label half of a region drawn with a bare tool.
  const onImage = r.type === 'labels' && li.object(r.to_name)?.tag.toLowerCase() === 'image';
  const shape = onImage ? imageRegionType(r.value) : r.type;
  if (shape === undefined)
    return [
      `${tag}: a labels value on an image needs the region's geometry (x, y, width, height; points; radiusX, radiusY; or rle)`,
    ];
  return [
    ...scoreProblem,
    ...valueProblems(shape, r.value, control).map((m) => `${tag}: ${m}`),
    ...labelProblems(r.type, r.value, control, r.to_name, li),
    ...(control.perRegion === true ? perRegionProblems(r, tag, regions) : []),
  ];
}

function relationProblems(r: RegionResult, li: LabelInterface, ids: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const key of ['from_id', 'to_id'] as const) {
    const id = r[key];
    if (typeof id !== 'string' || id === '') problems.push(`relation ${key} must be a region id`);
    else if (!ids.has(id))
      problems.push(`relation ${key}="${id}" names no region of this prediction`);
  }
  const labels = r.labels;
  if (labels !== undefined) {
    const known = new Set(li.relations.flatMap((l) => [l.value, labelKey(l)]));
    if (!Array.isArray(labels)) problems.push('relation labels must be a list of strings');
    else if (known.size > 0)
      for (const label of labels as unknown[])
        if (typeof label !== 'string' || !known.has(label))
          problems.push(`relation label "${String(label)}" is not defined in <Relations>`);
  }
  return problems;
}
