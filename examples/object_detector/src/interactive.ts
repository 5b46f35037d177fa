import { answerKeys, type ControlTag, type InteractiveContext } from '@lsml/core';
import type { Detection } from './detector.js';

/** A rectangle the annotator drew with the smart tool, in percent of the image. */
export interface DrawnRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label key the annotator picked for it, if any. */
  label: string | undefined;
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * The first rectangle in the smart-tool context (`rectangle` or `rectanglelabels`), if any,
 * with the label the annotator picked in `control`, as a label key.
 */
export function drawnRectangle(
  context: InteractiveContext,
  control: ControlTag,
): DrawnRectangle | undefined {
  for (const region of context.result) {
    if (region.type !== 'rectangle' && region.type !== 'rectanglelabels') continue;
    const { x, y, width, height } = region.value;
    if (!isNumber(x) || !isNumber(y) || !isNumber(width) || !isNumber(height)) continue;
    if (width <= 0 || height <= 0) continue;
    const [label] = answerKeys({ result: [region] }, control);
    return { x, y, width, height, label };
  }
  return undefined;
}

/** Intersection over union of a detection (fractions) and a drawn rectangle (percent). */
function overlap(detection: Detection, drawn: DrawnRectangle): number {
  const d = {
    x0: detection.box.xmin * 100,
    y0: detection.box.ymin * 100,
    x1: detection.box.xmax * 100,
    y1: detection.box.ymax * 100,
  };
  const u = { x0: drawn.x, y0: drawn.y, x1: drawn.x + drawn.width, y1: drawn.y + drawn.height };
  const iw = Math.min(d.x1, u.x1) - Math.max(d.x0, u.x0);
  const ih = Math.min(d.y1, u.y1) - Math.max(d.y0, u.y0);
  if (iw <= 0 || ih <= 0) return 0;
  const intersection = iw * ih;
  const union = (d.x1 - d.x0) * (d.y1 - d.y0) + drawn.width * drawn.height - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * The detection the annotator most likely meant by drawing `drawn`: the highest
 * overlap (IoU) × score among detections whose class maps to a config label — restricted to the
 * label the annotator picked, when they picked one. Undefined when nothing overlaps. `labels`
 * maps model classes to label keys.
 */
export function bestDetectionFor(
  detections: readonly Detection[],
  drawn: DrawnRectangle,
  labels: ReadonlyMap<string, string>,
): Detection | undefined {
  let best: { detection: Detection; fit: number } | undefined;
  for (const detection of detections) {
    const label = labels.get(detection.label);
    if (label === undefined) continue;
    if (drawn.label !== undefined && label !== drawn.label) continue;
    const fit = overlap(detection, drawn) * detection.score;
    if (fit > 0 && (!best || fit > best.fit)) best = { detection, fit };
  }
  return best?.detection;
}
