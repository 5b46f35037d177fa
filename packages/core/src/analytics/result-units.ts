import type { RegionResult } from '../contract/types.js';

/** How a result's value is compared. */
export type UnitKind = 'span' | 'rectangle' | 'polygon' | 'ellipse' | 'keypoint' | 'text' | 'value';

/**
 * What a comparison pairs: a region (its geometry result, its labels, and the per-region
 * answers that share its `id`) or a whole-task answer (one result of a classification,
 * textarea, rating, number… control).
 */
export interface ResultUnit {
  kind: UnitKind;
  /** Units are only paired within one group: regions on one object of one kind, or one control. */
  group: string;
  main: RegionResult;
  labels: string[];
  /** Per-region answers by control name (regions only). */
  answers: Map<string, RegionResult>;
}

const GEOMETRY: ReadonlySet<UnitKind> = new Set([
  'span',
  'rectangle',
  'polygon',
  'ellipse',
  'keypoint',
]);

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The kind of a result, read from its type and, for plain `labels`, from its value's shape. */
export function kindOf(result: RegionResult): UnitKind {
  const type = result.type.toLowerCase();
  const v = result.value;
  if (type.includes('keypoint')) return 'keypoint';
  if (type.startsWith('rectangle')) return 'rectangle';
  if (type.startsWith('polygon')) return 'polygon';
  if (type.startsWith('ellipse')) return 'ellipse';
  if (type === 'textarea') return 'text';
  if (type.endsWith('labels')) {
    if (num(v.x) && num(v.y) && num(v.width) && num(v.height)) return 'rectangle';
    if (Array.isArray(v.points)) return 'polygon';
    if ('start' in v || 'startOffset' in v) return 'span';
  }
  return 'value';
}

/** The labels of a labels-type result (`value.labels`, `value.rectanglelabels`, …). */
export function labelsOf(result: RegionResult): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(result.value)) {
    if (!key.endsWith('labels') || !Array.isArray(value)) continue;
    for (const label of value) if (typeof label === 'string') out.push(label);
  }
  return out;
}

/** The answers of a whole-task result: choices, taxonomy paths, a rating or number, as labels. */
export function answerLabels(result: RegionResult): string[] {
  const v = result.value;
  if (Array.isArray(v.choices)) return v.choices.filter((c): c is string => typeof c === 'string');
  if (Array.isArray(v.taxonomy))
    return v.taxonomy.map((path) => (Array.isArray(path) ? path.join(' / ') : String(path)));
  return labelsOf(result);
}

/**
 * Splits a result list into units. Results sharing an `id` with a region form that region;
 * Label Studio gives every result an id, so an id alone does not make a region: only a
 * geometry result (span, shape, keypoint) does. Relations are left out: they point at region
 * ids, which differ between a prediction and the annotation made from it.
 */
export function unitsOf(results: readonly unknown[]): ResultUnit[] {
  // Results come from requests: anything not shaped like one is left out, never thrown on.
  const usable = results.filter((r): r is RegionResult => {
    if (typeof r !== 'object' || r === null) return false;
    const { type, value, from_name, to_name } = r as Record<string, unknown>;
    return (
      typeof type === 'string' &&
      type !== 'relation' &&
      typeof value === 'object' &&
      value !== null &&
      typeof from_name === 'string' &&
      typeof to_name === 'string'
    );
  });
  const regionIds = new Set(
    usable.filter((r) => r.id !== undefined && GEOMETRY.has(kindOf(r))).map((r) => r.id),
  );
  const units: ResultUnit[] = [];
  const regions = new Map<string, ResultUnit>();
  // Per-region answers may come before their region's geometry result: attached at the end.
  const answers: { id: string; result: RegionResult }[] = [];
  for (const result of usable) {
    const kind = kindOf(result);
    const id = result.id;
    if (id !== undefined && regionIds.has(id)) {
      if (!GEOMETRY.has(kind)) {
        answers.push({ id, result });
        continue;
      }
      let region = regions.get(id);
      if (!region) {
        region = {
          kind,
          group: `${result.to_name}\u0000${kind}`,
          main: result,
          labels: [],
          answers: new Map(),
        };
        regions.set(id, region);
        units.push(region);
      }
      region.labels.push(...labelsOf(result));
      continue;
    }
    units.push({
      kind,
      group: `${result.from_name}\u0000${result.to_name}\u0000${result.type}`,
      main: result,
      labels: GEOMETRY.has(kind) ? labelsOf(result) : answerLabels(result),
      answers: new Map(),
    });
  }
  for (const { id, result } of answers) regions.get(id)?.answers.set(result.from_name, result);
  for (const unit of units) unit.labels = [...new Set(unit.labels)].sort();
  return units;
}
