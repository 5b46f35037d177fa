import type { RegionResult } from '../contract/types.js';
import { normalizedEditDistance } from './edit-distance.js';
import { ellipse, polygonIoU, rectangle, type Point, type Polygon } from './geometry.js';
import type { UnitKind } from './result-units.js';
import type { CompareOptions } from './types.js';

export type Thresholds = Required<CompareOptions>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  minIoU: 0.5,
  minSpanOverlap: 0.5,
  maxKeypointDistance: 0.02,
  maxTextDistance: 0.1,
};

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // Time series spans may be dates.
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    if (Number.isFinite(n)) return n;
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
};

/** Pixels per percent along x and y (1 when the result has no image size: percent space). */
function scale(r: RegionResult): [number, number] {
  const w = num(r.original_width);
  const h = num(r.original_height);
  return w !== undefined && h !== undefined && w > 0 && h > 0 ? [w / 100, h / 100] : [1, 1];
}

function intervalIoU(a: [number, number], b: [number, number]): number {
  const [a0, a1] = [Math.min(...a), Math.max(...a)];
  const [b0, b1] = [Math.min(...b), Math.max(...b)];
  const inter = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  const union = Math.max(a1, b1) - Math.min(a0, b0);
  if (union === 0) return a0 === b0 ? 1 : 0;
  return inter / union;
}

/**
 * Overlap of two spans. Text and audio spans carry `start`/`end` offsets (characters or
 * seconds); HyperText and Paragraphs spans carry `startOffset`/`endOffset` inside the node
 * named by `start`/`end` (an XPath or a paragraph index), and are compared when both name the
 * same nodes, or else by `globalOffsets` when both have them.
 */
function spanOverlap(a: RegionResult, b: RegionResult): number {
  const [va, vb] = [a.value, b.value];
  if ('startOffset' in va || 'startOffset' in vb) {
    const sameNodes = String(va.start) === String(vb.start) && String(va.end) === String(vb.end);
    const offsets = (v: Record<string, unknown>) => [num(v.startOffset), num(v.endOffset)] as const;
    const [s1, e1] = offsets(va);
    const [s2, e2] = offsets(vb);
    if (sameNodes && s1 !== undefined && e1 !== undefined && s2 !== undefined && e2 !== undefined)
      return intervalIoU([s1, e1], [s2, e2]);
    const global = (v: Record<string, unknown>) => {
      const g = v.globalOffsets as { start?: unknown; end?: unknown } | undefined;
      const [s, e] = [num(g?.start), num(g?.end)];
      return s === undefined || e === undefined ? undefined : ([s, e] as [number, number]);
    };
    const [g1, g2] = [global(va), global(vb)];
    return g1 && g2 ? intervalIoU(g1, g2) : 0;
  }
  const [s1, e1, s2, e2] = [num(va.start), num(va.end), num(vb.start), num(vb.end)];
  if (s1 === undefined || e1 === undefined || s2 === undefined || e2 === undefined) return 0;
  return intervalIoU([s1, e1], [s2, e2]);
}

function shapeOf(kind: 'rectangle' | 'polygon' | 'ellipse', r: RegionResult): Polygon {
  const [sx, sy] = scale(r);
  const v = r.value;
  const rotation = num(v.rotation) ?? 0;
  if (kind === 'polygon') {
    const points = Array.isArray(v.points) ? v.points : [];
    return points
      .map((p): Point | undefined => {
        const [x, y] = Array.isArray(p) ? [num(p[0]), num(p[1])] : [undefined, undefined];
        return x === undefined || y === undefined ? undefined : [x * sx, y * sy];
      })
      .filter((p) => p !== undefined);
  }
  const [x, y] = [(num(v.x) ?? 0) * sx, (num(v.y) ?? 0) * sy];
  if (kind === 'ellipse')
    return ellipse(x, y, (num(v.radiusX) ?? 0) * sx, (num(v.radiusY) ?? 0) * sy, rotation);
  return rectangle(x, y, (num(v.width) ?? 0) * sx, (num(v.height) ?? 0) * sy, rotation);
}

/** Keypoint distance as a fraction of the image diagonal. */
function keypointDistance(a: RegionResult, b: RegionResult): number {
  const [sx, sy] = scale(a);
  const dx = ((num(a.value.x) ?? 0) - (num(b.value.x) ?? 0)) * sx;
  const dy = ((num(a.value.y) ?? 0) - (num(b.value.y) ?? 0)) * sy;
  return Math.hypot(dx, dy) / Math.hypot(100 * sx, 100 * sy);
}

/** The text of a textarea result: its lines joined. */
export function textOf(r: RegionResult): string {
  const text = r.value.text;
  if (Array.isArray(text)) return text.map(String).join('\n');
  return typeof text === 'string' ? text : '';
}

/** A value as comparable text: choices and taxonomy paths in any order compare equal. */
export function canonicalValue(r: RegionResult): string {
  const v = r.value;
  const sorted = (key: string) =>
    Array.isArray(v[key]) ? (v[key] as unknown[]).map((x) => JSON.stringify(x)).sort() : undefined;
  if (Array.isArray(v.choices)) return JSON.stringify(sorted('choices'));
  if (Array.isArray(v.taxonomy)) return JSON.stringify(sorted('taxonomy'));
  return stableJson(v);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * How alike two results of one kind are, in 0..1, and whether that is close enough to call the
 * annotator's result the predicted one (`matches`). Keypoints: 1 at the same spot, 0.5 at the
 * largest matching distance, 0 at twice it.
 */
export function similarity(
  kind: UnitKind,
  a: RegionResult,
  b: RegionResult,
  t: Thresholds,
): { value: number; matches: boolean } {
  switch (kind) {
    case 'span': {
      const value = spanOverlap(a, b);
      return { value, matches: value >= t.minSpanOverlap };
    }
    case 'rectangle':
    case 'polygon':
    case 'ellipse': {
      const value = polygonIoU(shapeOf(kind, a), shapeOf(kind, b));
      return { value, matches: value >= t.minIoU };
    }
    case 'keypoint': {
      const d = keypointDistance(a, b);
      const value =
        t.maxKeypointDistance > 0
          ? Math.max(0, 1 - d / (2 * t.maxKeypointDistance))
          : d === 0
            ? 1
            : 0;
      return { value, matches: d <= t.maxKeypointDistance };
    }
    case 'text': {
      const d = normalizedEditDistance(textOf(a), textOf(b));
      return { value: 1 - d, matches: d <= t.maxTextDistance };
    }
    case 'value': {
      const same = canonicalValue(a) === canonicalValue(b);
      return { value: same ? 1 : 0, matches: same };
    }
  }
}
