import type { RegionResult } from '../contract/types.js';
import { kindOf, unitsOf, type ResultUnit } from './result-units.js';
import { DEFAULT_THRESHOLDS, similarity, type Thresholds } from './similarity.js';
import type { CompareOptions, RegionComparison, RegionOutcome, ResultComparison } from './types.js';

const GEOMETRY = new Set(['span', 'rectangle', 'polygon', 'ellipse', 'keypoint']);

/**
 * Compares one prediction's `result` with one annotation's (same task), region by region, and
 * says for each what the annotator did with it: kept, edited, removed, or added.
 *
 * - Whole-task answers (choices, taxonomy, rating, number, datetime, …) pair by control and
 *   are kept when the value is the same (choices in any order).
 * - Textarea answers pair by control and are kept within `maxTextDistance` (normalized edit
 *   distance).
 * - Regions pair within one object and one kind: spans (Text, HyperText, Paragraphs, Audio,
 *   TimeSeries) by offset overlap, rectangles, polygons and ellipses by exact intersection over
 *   union, keypoints by distance. A pair is kept when the geometry matches (≥ `minIoU`,
 *   ≥ `minSpanOverlap`, ≤ `maxKeypointDistance`) and the labels and per-region answers (results
 *   sharing the region's `id`) are the same; a pair that overlaps but does not match is edited.
 *   Pairs are chosen greedily: matching pairs first, then by similarity.
 * - Labels compare as the results carry them, which is what Label Studio saves (a label's
 *   `alias` when it has one).
 *
 * @example
 * const { counts } = compareResults(prediction.result, annotation.result);
 * counts.kept / (counts.kept + counts.edited + counts.removed); // the acceptance rate
 */
export function compareResults(
  predicted: readonly RegionResult[],
  annotated: readonly RegionResult[],
  options: CompareOptions = {},
): ResultComparison {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...definedOnly(options) };
  const ps = unitsOf(Array.isArray(predicted) ? predicted : []);
  const as = unitsOf(Array.isArray(annotated) ? annotated : []);
  const regions: RegionComparison[] = [];
  const groups = new Set([...ps, ...as].map((u) => u.group));
  for (const group of groups) {
    regions.push(
      ...compareGroup(
        ps.filter((u) => u.group === group),
        as.filter((u) => u.group === group),
        t,
      ),
    );
  }
  const counts: Record<RegionOutcome, number> = { kept: 0, edited: 0, removed: 0, added: 0 };
  for (const r of regions) counts[r.outcome] += 1;
  return { regions, counts };
}

function definedOnly(options: CompareOptions): CompareOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
  );
}

interface Candidate {
  p: number;
  a: number;
  value: number;
  kept: boolean;
}

function compareGroup(ps: ResultUnit[], as: ResultUnit[], t: Thresholds): RegionComparison[] {
  const candidates: Candidate[] = [];
  ps.forEach((p, i) => {
    as.forEach((a, j) => {
      const s = similarity(p.kind, p.main, a.main, t);
      // Regions that do not overlap at all are unrelated; answers to one control always pair.
      if (GEOMETRY.has(p.kind) && s.value <= 0) return;
      const kept = s.matches && sameList(p.labels, a.labels) && sameAnswers(p, a, t);
      candidates.push({ p: i, a: j, value: s.value, kept });
    });
  });
  candidates.sort((x, y) => Number(y.kept) - Number(x.kept) || y.value - x.value);
  const out: RegionComparison[] = [];
  const [usedP, usedA] = [new Set<number>(), new Set<number>()];
  for (const c of candidates) {
    if (usedP.has(c.p) || usedA.has(c.a)) continue;
    usedP.add(c.p);
    usedA.add(c.a);
    const [p, a] = [ps[c.p] as ResultUnit, as[c.a] as ResultUnit];
    out.push({
      ...describe(p),
      outcome: c.kept ? 'kept' : 'edited',
      similarity: c.value,
      predicted: p.main,
      annotated: a.main,
    });
  }
  ps.forEach((p, i) => {
    if (!usedP.has(i)) out.push({ ...describe(p), outcome: 'removed', predicted: p.main });
  });
  as.forEach((a, j) => {
    if (!usedA.has(j)) out.push({ ...describe(a), outcome: 'added', annotated: a.main });
  });
  return out;
}

function describe(u: ResultUnit): Pick<RegionComparison, 'control' | 'object' | 'type' | 'labels'> {
  return { control: u.main.from_name, object: u.main.to_name, type: u.main.type, labels: u.labels };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Per-region answers (results sharing the region's id) are the same, control by control. */
function sameAnswers(p: ResultUnit, a: ResultUnit, t: Thresholds): boolean {
  if (p.answers.size !== a.answers.size) return false;
  for (const [control, mine] of p.answers) {
    const theirs = a.answers.get(control);
    if (!theirs || !similarity(kindOf(mine), mine, theirs, t).matches) return false;
  }
  return true;
}
