import type { ControlTag } from '../label-config/index.js';
import type { RegionResult } from '../contract/types.js';
import { LsmlError } from '../errors/index.js';

/**
 * Options every builder takes.
 *
 * @example
 * const options: ResultOptions = { toName: 'image', id: 'r1', score: 0.87 };
 */
export interface ResultOptions {
  /** Which of the control's objects; defaults to its first `toName`. */
  toName?: string;
  /** Region id, so relations and per-region controls can point at it. */
  id?: string;
  /**
   * For a `perRegion="true"` control: the region this answer belongs to (a result built with
   * an `id`, or that id). The answer takes its id (and its `to_name`, unless `toName` is given):
   * Label Studio shows a per-region answer only on the region whose id it shares.
   */
  region?: RegionResult | string;
  /** Model confidence for this result, 0–1. */
  score?: number;
}

/**
 * The control a builder writes for: a parsed {@link ControlTag}, or just its name/toName/type.
 *
 * @example
 * const target: ResultTarget = { name: 'sentiment', toName: ['text'] };
 */
export type ResultTarget = Pick<ControlTag, 'name' | 'toName'> &
  Partial<Pick<ControlTag, 'perRegion'>> & { type?: string };

/** Shared shape of every region/answer: from_name, to_name, type, value (+ id, score). */
export function buildResult(
  control: ResultTarget,
  defaultType: string,
  value: Record<string, unknown>,
  options: ResultOptions = {},
  extra: Partial<RegionResult> = {},
): RegionResult {
  const region = typeof options.region === 'string' ? undefined : options.region;
  const result: RegionResult = {
    from_name: control.name,
    to_name: options.toName ?? region?.to_name ?? control.toName[0] ?? control.name,
    type: control.type ?? defaultType,
    value,
    ...extra,
  };
  const id = regionId(control, options);
  if (id !== undefined) result.id = id;
  if (options.score !== undefined) result.score = options.score;
  return result;
}

/** The id a result carries: its region's for a per-region answer, else `options.id`. */
function regionId(control: ResultTarget, options: ResultOptions): string | undefined {
  const tag = `control "${control.name}"`;
  if (options.region !== undefined) {
    const id = typeof options.region === 'string' ? options.region : options.region.id;
    if (typeof id !== 'string' || id === '')
      throw new LsmlError(
        'INVALID_PREDICTION',
        `the region given for the answer of ${tag} has no id: build the region with { id }`,
      );
    return id;
  }
  if (control.perRegion === true && options.id === undefined)
    throw new LsmlError(
      'INVALID_PREDICTION',
      `${tag} is perRegion: pass the region its answer belongs to, e.g. { region: box }`,
    );
  return options.id;
}

/** Adds `{<type>: labels}` when the control type carries labels (`rectanglelabels`, …). */
export function withLabels(
  value: Record<string, unknown>,
  type: string,
  labels: string | readonly string[] | undefined,
): Record<string, unknown> {
  if (labels === undefined) return value;
  const key = type.endsWith('labels') ? type : 'labels';
  return { ...value, [key]: typeof labels === 'string' ? [labels] : [...labels] };
}
