import type { RegionResult } from '../contract/types.js';
import { showValue } from './show-value.js';

/**
 * label-studio-frontend up to 1.7 has `<Ranker name value="$items">` as an object tag that
 * answers for itself: from_name = to_name = its name, type `ranker`, `value.ranker` the item
 * ids in order (newer Label Studio: a control with `<Bucket>`s, `{ranker: {bucket: [ids]}}`).
 */
export function rankerObjectProblems(r: RegionResult, name: string): string[] {
  const tag = `<Ranker name="${name}">`;
  if (r.to_name !== name) return [`${tag} answers for itself: to_name must be "${name}"`];
  if (r.type !== 'ranker')
    return [`type "${showValue(r.type)}" does not match ${tag} (expected "ranker")`];
  const ranked = (r.value as Record<string, unknown> | undefined)?.ranker;
  const ids = (v: unknown) => Array.isArray(v) && v.every((id) => typeof id === 'string');
  const ok =
    ids(ranked) ||
    (typeof ranked === 'object' && ranked !== null && Object.values(ranked).every(ids));
  return ok ? [] : [`${tag}: value.ranker must list item ids (or map buckets to lists of ids)`];
}
