import type { ControlTag } from '../label-config/index.js';
import { PERCENT_GEOMETRY } from './result-kinds.js';
import { shapeProblems } from './shape-checks.js';
import { showValue } from './show-value.js';

/** Problems with a result's `value` that do not depend on labels. */
export function valueProblems(
  type: string,
  value: Record<string, unknown>,
  control: ControlTag,
): string[] {
  const problems: string[] = [...shapeProblems(type, value)];
  // A keypoint's width is its drawn size, not an extent, so it may cross the right edge.
  if (PERCENT_GEOMETRY.test(type))
    problems.push(...percentProblems(value, !/^keypoint/.test(type)));
  problems.push(...spanProblems(value));
  const check = TYPE_CHECKS[type];
  if (check) problems.push(...check(value, control));
  return problems;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// Out-of-range coordinates are reported on their own; their sum would only repeat it.
const inPercent = (v: unknown): v is number => isFiniteNumber(v) && v >= 0 && v <= 100;

// Percent coordinates converted from pixels can overshoot 100 by a rounding error.
const EDGE_EPSILON = 1e-3;

function percentProblems(value: Record<string, unknown>, extent: boolean, where = ''): string[] {
  const problems: string[] = [];
  for (const key of ['x', 'y', 'width', 'height', 'radiusX', 'radiusY']) {
    const v = value[key];
    if (v === undefined) continue;
    if (!isFiniteNumber(v) || v < 0 || v > 100)
      problems.push(`${where}${key}=${showValue(v)} is outside 0–100 (percent of the image)`);
  }
  // A rotated box may legitimately reach past x + width, so only upright boxes are bounded.
  const upright = value.rotation === undefined || value.rotation === 0;
  if (extent && upright)
    for (const [at, size] of [
      ['x', 'width'],
      ['y', 'height'],
    ] as const) {
      const a = value[at];
      const b = value[size];
      if (inPercent(a) && inPercent(b) && a + b > 100 + EDGE_EPSILON)
        problems.push(
          `${where}${at}+${size}=${String(a + b)} reaches past the image edge (${at} + ${size} must be ≤ 100)`,
        );
    }
  const points = value.points;
  if (points !== undefined) {
    if (!Array.isArray(points)) problems.push(`${where}points must be a list of [x, y]`);
    else
      points.forEach((p: unknown, i) => {
        const ok =
          Array.isArray(p) &&
          p.length >= 2 &&
          p.every((c) => isFiniteNumber(c) && c >= 0 && c <= 100);
        if (!ok) problems.push(`${where}points[${i}]=${JSON.stringify(p)} is outside 0–100`);
      });
  }
  const sequence = value.sequence;
  if (Array.isArray(sequence))
    sequence.forEach((frame: unknown, i) => {
      if (typeof frame === 'object' && frame !== null)
        problems.push(
          ...percentProblems(frame as Record<string, unknown>, extent, `sequence[${i}].`),
        );
    });
  return problems;
}

function spanProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { start, end, startOffset, endOffset } = value;
  const s = typeof start === 'string' && /^\d+$/.test(start) ? Number(start) : start;
  const e = typeof end === 'string' && /^\d+$/.test(end) ? Number(end) : end;
  if (typeof s === 'number' && typeof e === 'number') {
    if (!Number.isFinite(s) || !Number.isFinite(e) || s < 0)
      problems.push(`span start=${String(s)} end=${String(e)} is not a valid range`);
    else if (e < s) problems.push(`span end=${String(e)} is before start=${String(s)}`);
    else if (
      s === e &&
      isFiniteNumber(startOffset) &&
      isFiniteNumber(endOffset) &&
      endOffset < startOffset
    )
      problems.push(
        `span endOffset=${String(endOffset)} is before startOffset=${String(startOffset)}`,
      );
  } else if (
    start === end &&
    isFiniteNumber(startOffset) &&
    isFiniteNumber(endOffset) &&
    endOffset < startOffset
  ) {
    problems.push(
      `span endOffset=${String(endOffset)} is before startOffset=${String(startOffset)}`,
    );
  }
  const ranges = value.ranges;
  if (Array.isArray(ranges))
    ranges.forEach((r: unknown, i) => {
      const { start: a, end: b } = (r ?? {}) as Record<string, unknown>;
      if (!isFiniteNumber(a) || !isFiniteNumber(b) || b < a)
        problems.push(`ranges[${i}] end is before start or not a number`);
    });
  return problems;
}

type TypeCheck = (value: Record<string, unknown>, control: ControlTag) => string[];

const numberAttr = (control: ControlTag, key: string): number | undefined => {
  const raw = control.attrs[key];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

const TYPE_CHECKS: Record<string, TypeCheck> = {
  rating: (value, control) => {
    const max = numberAttr(control, 'maxRating') ?? 5;
    const r = value.rating;
    return isFiniteNumber(r) && r >= 0 && r <= max
      ? []
      : [`rating=${String(r)} is not a number in 0–${String(max)}`];
  },
  number: (value, control) => {
    const n = value.number;
    if (!isFiniteNumber(n)) return [`number=${String(n)} is not a finite number`];
    const min = numberAttr(control, 'min');
    const max = numberAttr(control, 'max');
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      return [`number=${String(n)} is outside min/max of <${control.tag} name="${control.name}">`];
    return [];
  },
  textarea: (value) => {
    const t = value.text;
    const ok = typeof t === 'string' || (Array.isArray(t) && t.every((s) => typeof s === 'string'));
    return ok ? [] : ['text must be a list of strings'];
  },
  datetime: (value) =>
    typeof value.datetime === 'string' && value.datetime !== ''
      ? []
      : ['datetime must be a non-empty string'],
  pairwise: (value) =>
    value.selected === 'left' || value.selected === 'right'
      ? []
      : [`selected=${String(value.selected)} must be "left" or "right"`],
  brushlabels: (value) => brushProblems(value),
  brush: (value) => brushProblems(value),
};

function brushProblems(value: Record<string, unknown>): string[] {
  if (value.format !== 'rle') return [`brush format=${String(value.format)} must be "rle"`];
  const rle = value.rle;
  const ok =
    Array.isArray(rle) &&
    rle.length > 0 &&
    rle.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255);
  return ok ? [] : ['brush rle must be a non-empty list of bytes (0–255)'];
}
