import type { ControlTag } from '../label-config/index.js';
import type { RegionResult } from '../contract/types.js';

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
  /** Model confidence for this result, 0–1. */
  score?: number;
}

/**
 * The control a builder writes for: a parsed {@link ControlTag}, or just its name/toName/type.
 *
 * @example
 * const target: ResultTarget = { name: 'sentiment', toName: ['text'] };
 */
export type ResultTarget = Pick<ControlTag, 'name' | 'toName'> & { type?: string };

/** Shared shape of every region/answer: from_name, to_name, type, value (+ id, score). */
export function buildResult(
  control: ResultTarget,
  defaultType: string,
  value: Record<string, unknown>,
  options: ResultOptions = {},
  extra: Partial<RegionResult> = {},
): RegionResult {
  const result: RegionResult = {
    from_name: control.name,
    to_name: options.toName ?? control.toName[0] ?? control.name,
    type: control.type ?? defaultType,
    value,
    ...extra,
  };
  if (options.id !== undefined) result.id = options.id;
  if (options.score !== undefined) result.score = options.score;
  return result;
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
