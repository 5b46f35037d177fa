/**
 * Keys Label Studio needs to draw each result type. Without them the region is silently not
 * shown (or the editor throws), so a prediction missing one is as good as lost.
 */
const BOX = ['x', 'y', 'width', 'height'];
const TEXT_SPAN = ['start', 'end', 'startOffset', 'endOffset'];
const REQUIRED_KEYS: Record<string, readonly string[]> = {
  rectangle: BOX,
  rectanglelabels: BOX,
  polygon: ['points'],
  polygonlabels: ['points'],
  keypoint: ['x', 'y'],
  keypointlabels: ['x', 'y'],
  ellipse: ['x', 'y', 'radiusX', 'radiusY'],
  ellipselabels: ['x', 'y', 'radiusX', 'radiusY'],
  videorectangle: ['sequence'],
  labels: ['start', 'end'],
  hypertextlabels: TEXT_SPAN,
  paragraphlabels: TEXT_SPAN,
  timeserieslabels: ['start', 'end'],
};

/** Span types: their regions live on a text, a dialogue or a time axis, never on an image. */
const SPAN_TYPES: ReadonlySet<string> = new Set([
  'labels',
  'hypertextlabels',
  'paragraphlabels',
  'timeserieslabels',
]);
const IMAGE_KEYS = ['x', 'y', 'width', 'height', 'points', 'radiusX', 'radiusY'];

/** Required keys a result's value lacks, and image geometry on a span type. */
export function shapeProblems(type: string, value: Record<string, unknown>): string[] {
  const said: string[] = [];
  const missing = (REQUIRED_KEYS[type] ?? []).filter((key) => value[key] === undefined);
  if (missing.length > 0) said.push(`a ${type} value needs ${missing.join(', ')}`);
  if (SPAN_TYPES.has(type)) {
    const foreign = IMAGE_KEYS.filter((key) => value[key] !== undefined);
    if (foreign.length > 0)
      said.push(`${foreign.join(', ')} are image geometry, but a ${type} value is a span`);
  }
  // One problem per result: both halves describe the same wrong shape.
  return said.length === 0 ? [] : [said.join('; ')];
}

/**
 * The geometry a `labels` result on an Image carries. Beside a bare tool (`<Rectangle>` and
 * `<Labels>` on one image) Label Studio stores a region as two results sharing an id, the
 * tool's (`rectangle`) and the Labels' (`labels`), each value holding the geometry. Undefined
 * when the value holds none.
 */
export function imageRegionType(value: Record<string, unknown>): string | undefined {
  if (value.rle !== undefined || value.format !== undefined) return 'brush';
  if (value.points !== undefined) return 'polygon';
  if (value.radiusX !== undefined || value.radiusY !== undefined) return 'ellipse';
  if (value.height !== undefined) return 'rectangle';
  if (value.x !== undefined || value.y !== undefined) return 'keypoint';
  return undefined;
}
