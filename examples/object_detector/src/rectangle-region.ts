import type { RegionResult } from '@lsml/core';
import type { Detection } from './detector.js';

/** Where a prediction goes: the RectangleLabels control and its Image. */
export interface RectangleTarget {
  fromName: string;
  toName: string;
}

const clampPercent = (fraction: number) => Math.min(100, Math.max(0, fraction * 100));

/**
 * A Label Studio `rectanglelabels` result for a detection: x/y/width/height in percent of the
 * image, clamped to 0–100 (detectors predict boxes past the edges), with the image's pixel size
 * so Label Studio can place it. Undefined for a box entirely outside the image.
 */
export function rectangleRegion(
  detection: Detection,
  label: string,
  target: RectangleTarget,
  image: { width: number; height: number },
  id: string,
): RegionResult | undefined {
  const x0 = clampPercent(detection.box.xmin);
  const y0 = clampPercent(detection.box.ymin);
  const x1 = clampPercent(detection.box.xmax);
  const y1 = clampPercent(detection.box.ymax);
  if (x1 - x0 <= 0 || y1 - y0 <= 0) return undefined;
  return {
    id,
    from_name: target.fromName,
    to_name: target.toName,
    type: 'rectanglelabels',
    original_width: image.width,
    original_height: image.height,
    image_rotation: 0,
    score: detection.score,
    value: { x: x0, y: y0, width: x1 - x0, height: y1 - y0, rotation: 0, rectanglelabels: [label] },
  };
}
