import type { RegionResult } from '../contract/types.js';
import { buildResult, withLabels, type ResultOptions, type ResultTarget } from './build-result.js';

type Labels = string | readonly string[];

/**
 * `<Labels>` on `<Text>`: a character span `[start, end)` with its text.
 *
 * @example
 * labels(ner, { start: 0, end: 5, text: 'Alice' }, 'PER');
 */
export function labels(
  control: ResultTarget,
  span: { start: number; end: number; text?: string },
  label: Labels,
  options?: ResultOptions,
): RegionResult {
  return buildResult(
    control,
    'labels',
    withLabels({ ...span }, control.type ?? 'labels', label),
    options,
  );
}

/** `<Labels>` on `<Audio>`/`<AudioPlus>`: a segment in seconds. */
export function audioSegment(
  control: ResultTarget,
  segment: { start: number; end: number; channel?: number },
  label: Labels,
  options?: ResultOptions,
): RegionResult {
  return buildResult(
    control,
    'labels',
    withLabels({ ...segment }, control.type ?? 'labels', label),
    options,
  );
}

/** `<HyperTextLabels>`: XPath start/end with character offsets. */
export function hypertextLabels(
  control: ResultTarget,
  span: { start: string; end: string; startOffset: number; endOffset: number; text?: string },
  label: Labels,
  options?: ResultOptions,
): RegionResult {
  const type = control.type ?? 'hypertextlabels';
  return buildResult(control, type, withLabels({ ...span }, type, label), options);
}

/** `<ParagraphLabels>`: utterance indexes (as strings, like Label Studio) with offsets. */
export function paragraphLabels(
  control: ResultTarget,
  span: { start: number; end: number; startOffset: number; endOffset: number; text?: string },
  label: Labels,
  options?: ResultOptions,
): RegionResult {
  const type = control.type ?? 'paragraphlabels';
  const value = { ...span, start: String(span.start), end: String(span.end) };
  return buildResult(control, type, withLabels(value, type, label), options);
}

/** `<TimeSeriesLabels>`: a range on the time axis (`instant` for a single point). */
export function timeseriesLabels(
  control: ResultTarget,
  range: { start: number; end: number; instant?: boolean },
  label: Labels,
  options?: ResultOptions,
): RegionResult {
  const type = control.type ?? 'timeserieslabels';
  const value = { ...range, instant: range.instant ?? range.start === range.end };
  return buildResult(control, type, withLabels(value, type, label), options);
}
