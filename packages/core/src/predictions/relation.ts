import type { RegionResult } from '../contract/types.js';

/**
 * Relation direction as Label Studio draws it.
 *
 * @example
 * const direction: RelationDirection = 'bi';
 */
export type RelationDirection = 'left' | 'right' | 'bi';

/**
 * A relation result as Label Studio stores it: no from_name, to_name or value.
 *
 * @example
 * const r: RelationResult = { type: 'relation', from_id: 'r1', to_id: 'r2', direction: 'right', labels: ['works_for'] };
 */
export interface RelationResult {
  type: 'relation';
  from_id: string;
  to_id: string;
  direction: RelationDirection;
  labels?: string[];
}

/**
 * A relation between two regions of the same prediction, by their `id`s. Its labels (if any)
 * come from `<Relations>`.
 *
 * @example
 * relation('r1', 'r2', { labels: ['works_for'] });
 */
export function relation(
  fromId: string,
  toId: string,
  options: { labels?: readonly string[]; direction?: RelationDirection } = {},
): RegionResult {
  const result: RelationResult = {
    type: 'relation',
    from_id: fromId,
    to_id: toId,
    direction: options.direction ?? 'right',
  };
  if (options.labels) result.labels = [...options.labels];
  // Label Studio's relation shape lacks the fields every other result has; it still travels
  // in the same `result` list, so it is typed as one.
  return result as unknown as RegionResult;
}
