import type { RegionResult } from '../contract/types.js';
import { buildResult, type ResultOptions, type ResultTarget } from './build-result.js';

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);

/**
 * `<Choices>`: `{choices: [...]}`.
 *
 * @example
 * choices(li.control('sentiment')!, 'Positive', { score: 0.93 });
 */
export function choices(
  control: ResultTarget,
  labels: string | readonly string[],
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'choices', { choices: list(labels) }, options);
}

/** `<TextArea>`: `{text: [...]}` (one entry per line/answer). */
export function textarea(
  control: ResultTarget,
  text: string | readonly string[],
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'textarea', { text: list(text) }, options);
}

/** `<Rating>`: `{rating: n}`. */
export function rating(
  control: ResultTarget,
  value: number,
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'rating', { rating: value }, options);
}

/** `<Number>`: `{number: n}`. */
export function number(
  control: ResultTarget,
  value: number,
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'number', { number: value }, options);
}

/** `<DateTime>`: `{datetime: "2024-05-07T10:00"}`; a Date becomes ISO without seconds. */
export function datetime(
  control: ResultTarget,
  value: string | Date,
  options?: ResultOptions,
): RegionResult {
  const text = typeof value === 'string' ? value : value.toISOString().slice(0, 16);
  return buildResult(control, 'datetime', { datetime: text }, options);
}

/**
 * `<Taxonomy>`: `{taxonomy: [["Animal", "Cat"], …]}`, one path from the root per selection.
 *
 * @example
 * taxonomy(li.control('tax')!, [['Animal', 'Cat']]);
 */
export function taxonomy(
  control: ResultTarget,
  paths: readonly (readonly string[])[],
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'taxonomy', { taxonomy: paths.map((p) => [...p]) }, options);
}

/** `<Pairwise>`: `{selected: "left" | "right"}`; Label Studio addresses it to itself. */
export function pairwise(
  control: ResultTarget,
  selected: 'left' | 'right',
  options?: ResultOptions,
): RegionResult {
  return buildResult(control, 'pairwise', { selected }, { toName: control.name, ...options });
}

/**
 * `<Ranker>`: `{ranker: {<bucket or list name>: [item ids in order]}}`, or, for Label Studio's
 * editor up to 1.7 (where `<Ranker name="rank" value="$items"/>` is an object that answers for
 * itself), the item ids as a list: `ranker({ name: 'rank', toName: ['rank'] }, ['b', 'a'])`.
 *
 * @example
 * ranker(li.control('rank')!, { best: ['b'], rest: ['a', 'c'] });
 */
export function ranker(
  control: ResultTarget,
  buckets: Record<string, readonly string[]> | readonly string[],
  options?: ResultOptions,
): RegionResult {
  const value = isList(buckets)
    ? [...buckets]
    : Object.fromEntries(Object.entries(buckets).map(([k, ids]) => [k, [...ids]]));
  return buildResult(control, 'ranker', { ranker: value }, options);
}

const isList = (v: Record<string, readonly string[]> | readonly string[]): v is readonly string[] =>
  Array.isArray(v);
