/**
 * Exact areas for the shapes Label Studio draws. Polygons may be concave: their intersection is
 * computed exactly by fanning each polygon into signed triangles from its first vertex (the
 * signed triangles add up to the polygon, whatever its shape) and clipping every pair of
 * triangles, which are convex. No rasterization error, no bounding-box overestimate.
 */
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

/** Signed area: positive when the vertices run counterclockwise (y up). */
export function signedArea(polygon: Polygon): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i] as Point;
    const [x2, y2] = polygon[(i + 1) % polygon.length] as Point;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area of `subject ∩ clip` for a convex counterclockwise `clip` (Sutherland–Hodgman). */
function convexIntersectionArea(subject: Polygon, clip: Polygon): number {
  let output: Point[] = [...subject];
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i] as Point;
    const b = clip[(i + 1) % clip.length] as Point;
    const inside = (p: Point) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;
    const cross = (p: Point, q: Point): Point => {
      const dx = q[0] - p[0];
      const dy = q[1] - p[1];
      const ex = b[0] - a[0];
      const ey = b[1] - a[1];
      const t = (ex * (a[1] - p[1]) - ey * (a[0] - p[0])) / (ex * dy - ey * dx);
      return [p[0] + t * dx, p[1] + t * dy];
    };
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j] as Point;
      const q = input[(j + 1) % input.length] as Point;
      if (inside(q)) {
        if (!inside(p)) output.push(cross(p, q));
        output.push(q);
      } else if (inside(p)) {
        output.push(cross(p, q));
      }
    }
  }
  return output.length < 3 ? 0 : Math.abs(signedArea(output));
}

interface SignedTriangle {
  /** Counterclockwise vertices. */
  points: Polygon;
  sign: 1 | -1;
}

/** The polygon as signed triangles fanned from its first vertex, oriented so they sum to +area. */
function fan(polygon: Polygon): SignedTriangle[] {
  const orientation = signedArea(polygon) >= 0 ? 1 : -1;
  const origin = polygon[0] as Point;
  const triangles: SignedTriangle[] = [];
  for (let i = 1; i + 1 < polygon.length; i++) {
    const b = polygon[i] as Point;
    const c = polygon[i + 1] as Point;
    const area = signedArea([origin, b, c]);
    if (area === 0) continue;
    triangles.push({
      points: area > 0 ? [origin, b, c] : [origin, c, b],
      sign: (area > 0 ? 1 : -1) * orientation > 0 ? 1 : -1,
    });
  }
  return triangles;
}

function bounds(polygon: Polygon): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** Area of the intersection of two simple polygons (convex or not). */
export function intersectionArea(a: Polygon, b: Polygon): number {
  if (a.length < 3 || b.length < 3) return 0;
  const [ax0, ay0, ax1, ay1] = bounds(a);
  const [bx0, by0, bx1, by1] = bounds(b);
  if (ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0) return 0;
  let sum = 0;
  const clips = fan(b);
  for (const t of fan(a)) {
    for (const u of clips) sum += t.sign * u.sign * convexIntersectionArea(t.points, u.points);
  }
  return Math.max(0, sum);
}

/** Intersection over union of two polygons; 0 when both are degenerate. */
export function polygonIoU(a: Polygon, b: Polygon): number {
  const inter = intersectionArea(a, b);
  const union = Math.abs(signedArea(a)) + Math.abs(signedArea(b)) - inter;
  return union > 0 ? Math.min(1, inter / union) : 0;
}

/**
 * A rectangle rotated clockwise by `rotation` degrees about its top-left corner (y down),
 * as Label Studio rotates RectangleLabels.
 */
export function rectangle(x: number, y: number, w: number, h: number, rotation = 0): Polygon {
  const t = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const corner = (dx: number, dy: number): Point => [
    x + dx * cos - dy * sin,
    y + dx * sin + dy * cos,
  ];
  return [corner(0, 0), corner(w, 0), corner(w, h), corner(0, h)];
}

/** Vertices used for an ellipse: its area is within 0.2% of the true ellipse. */
const ELLIPSE_STEPS = 64;

/** An ellipse centred on (cx, cy), rotated clockwise by `rotation` degrees, as a polygon. */
export function ellipse(cx: number, cy: number, rx: number, ry: number, rotation = 0): Polygon {
  const t = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const points: Point[] = [];
  for (let i = 0; i < ELLIPSE_STEPS; i++) {
    const a = (2 * Math.PI * i) / ELLIPSE_STEPS;
    const [dx, dy] = [rx * Math.cos(a), ry * Math.sin(a)];
    points.push([cx + dx * cos - dy * sin, cy + dx * sin + dy * cos]);
  }
  return points;
}
