import type { RegionResult } from '../contract/types.js';
import type { LabelInterface } from '../label-config/index.js';

/** Region ids of a prediction, with their `to_name`: results of controls that draw regions. */
export function regionsOf(
  results: readonly RegionResult[],
  li: LabelInterface,
): Map<string, unknown> {
  const regions = new Map<string, unknown>();
  for (const r of results) {
    if (typeof r !== 'object' || (r as unknown) === null || typeof r.id !== 'string') continue;
    if (r.type === 'relation' || li.control(r.from_name)?.perRegion === true) continue;
    regions.set(r.id, r.to_name);
  }
  return regions;
}

/**
 * A `perRegion` control's answer must share the `id` of a region of the same prediction, on
 * the same object: Label Studio shows it only on that region, and an answer without one is
 * loaded but shown nowhere.
 */
export function perRegionProblems(
  r: RegionResult,
  tag: string,
  regions: ReadonlyMap<string, unknown>,
): string[] {
  const hint = 'give the region an id and build this answer with { region }';
  if (typeof r.id !== 'string' || r.id === '')
    return [
      `${tag} is perRegion: its answer needs the id of a region of this prediction (${hint})`,
    ];
  if (!regions.has(r.id))
    return [`${tag} is perRegion: id="${r.id}" names no region of this prediction (${hint})`];
  const on = regions.get(r.id);
  if (on !== r.to_name)
    return [
      `${tag} is perRegion: region id="${r.id}" is on "${String(on)}", this answer on "${r.to_name}"`,
    ];
  return [];
}
