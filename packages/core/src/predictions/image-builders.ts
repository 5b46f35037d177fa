import type { RegionResult } from '../contract/types.js';
import { LsmlError } from '../errors/index.js';
import { buildResult, withLabels, type ResultOptions, type ResultTarget } from './build-result.js';
import { maskToRle } from './brush-rle.js';

/**
 * Image size in pixels; Label Studio stores it next to percent coordinates.
 *
 * @example
 * const size: ImageSize = { width: 640, height: 480 };
 */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Options of image regions: the original image size, when known.
 *
 * @example
 * const options: ImageResultOptions = { original: { width: 640, height: 480 }, score: 0.9 };
 */
export interface ImageResultOptions extends ResultOptions {
  original?: ImageSize;
}

type Labels = string | readonly string[] | undefined;

function imageResult(
  control: ResultTarget,
  type: string,
  value: Record<string, unknown>,
  labels: Labels,
  options: ImageResultOptions = {},
): RegionResult {
  const kind = control.type ?? type;
  const extra: Partial<RegionResult> = {};
  if (options.original) {
    extra.original_width = options.original.width;
    extra.original_height = options.original.height;
    extra.image_rotation = 0;
  }
  return buildResult(control, type, withLabels(value, kind, labels), options, extra);
}

/**
 * `<RectangleLabels>`/`<Rectangle>`: x, y, width, height in percent (0–100) of the image.
 *
 * @example
 * rectangle(box, { x: 10, y: 20, width: 30, height: 40 }, 'Car', { original: { width: 640, height: 480 } });
 */
export function rectangle(
  control: ResultTarget,
  box: { x: number; y: number; width: number; height: number; rotation?: number },
  labels?: Labels,
  options?: ImageResultOptions,
): RegionResult {
  const value = { ...box, rotation: box.rotation ?? 0 };
  return imageResult(control, 'rectanglelabels', value, labels, options);
}

/** A rectangle from pixel coordinates (what detectors output), converted to percent. */
export function rectangleFromPixels(
  control: ResultTarget,
  box: { x: number; y: number; width: number; height: number },
  image: ImageSize,
  labels?: Labels,
  options?: ResultOptions,
): RegionResult {
  const px = (v: number, size: number) => (v / size) * 100;
  const percent = {
    x: px(box.x, image.width),
    y: px(box.y, image.height),
    width: px(box.width, image.width),
    height: px(box.height, image.height),
  };
  return rectangle(control, percent, labels, { ...options, original: image });
}

/** `<PolygonLabels>`/`<Polygon>`: `points` as `[x, y]` percent pairs. */
export function polygon(
  control: ResultTarget,
  points: readonly (readonly [number, number])[],
  labels?: Labels,
  options?: ImageResultOptions,
): RegionResult {
  const value = { points: points.map(([x, y]) => [x, y]), closed: true };
  return imageResult(control, 'polygonlabels', value, labels, options);
}

/** `<KeyPointLabels>`/`<KeyPoint>`: a point in percent; `width` is the drawn size. */
export function keypoint(
  control: ResultTarget,
  point: { x: number; y: number; width?: number },
  labels?: Labels,
  options?: ImageResultOptions,
): RegionResult {
  const value = { x: point.x, y: point.y, width: point.width ?? 1 };
  return imageResult(control, 'keypointlabels', value, labels, options);
}

/** `<EllipseLabels>`/`<Ellipse>`: centre and radii in percent. */
export function ellipse(
  control: ResultTarget,
  shape: { x: number; y: number; radiusX: number; radiusY: number; rotation?: number },
  labels?: Labels,
  options?: ImageResultOptions,
): RegionResult {
  const value = { ...shape, rotation: shape.rotation ?? 0 };
  return imageResult(control, 'ellipselabels', value, labels, options);
}

/**
 * `<BrushLabels>`/`<Brush>`: a mask (width × height values, row by row, > 0 inside) in
 * Label Studio's RLE.
 *
 * @example
 * brush(seg, { data: mask, width: 64, height: 48 }, 'Road');
 */
export function brush(
  control: ResultTarget,
  mask: { data: ArrayLike<number>; width: number; height: number },
  labels?: Labels,
  options?: ResultOptions,
): RegionResult {
  const value = { format: 'rle', rle: maskToRle(mask.data) };
  const original = { width: mask.width, height: mask.height };
  return imageResult(control, 'brushlabels', value, labels, { ...options, original });
}

/**
 * The label of a region drawn with a bare tool (`<Rectangle>`, `<Polygon>`, `<Brush>` …) from a
 * `<Labels>` on the same image, as Label Studio's editor stores it: a second result of the
 * Labels control, type `labels`, with the region's id and geometry. Send both.
 *
 * @example
 * const box = rectangle(li.control('box')!, { x: 10, y: 20, width: 30, height: 40 }, undefined, { id: 'r1' });
 * const result = [box, regionLabels(box, li.control('label')!, 'Car')];
 */
export function regionLabels(
  region: RegionResult,
  control: ResultTarget,
  labels: string | readonly string[],
  options: Pick<ResultOptions, 'score'> = {},
): RegionResult {
  if (region.id === undefined)
    throw new LsmlError(
      'INVALID_PREDICTION',
      `the region labelled by control "${control.name}" has no id: build it with { id }`,
    );
  const { from_name: _tool, type: _type, value, score, ...rest } = region;
  const labelled = withLabels(value, 'labels', labels);
  const withScore = options.score ?? score;
  return {
    ...rest,
    from_name: control.name,
    type: control.type ?? 'labels',
    value: labelled,
    ...(withScore === undefined ? {} : { score: withScore }),
  };
}
