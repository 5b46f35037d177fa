import { rectangle, type Prediction, type RegionResult, type ResultTarget } from '@lsml/core';
import type { Detection } from './detector.js';
import { bestDetectionFor, type DrawnRectangle } from './interactive.js';

/** Where a task's regions go: the RectangleLabels control, its Image, the image's pixel size. */
export interface RegionTarget {
  control: ResultTarget;
  toName: string;
  size: { width: number; height: number };
}

/** Model class → label key (core's `buildLabelMap`); classes the config does not ask for are absent. */
export type LabelMap = ReadonlyMap<string, string>;

const clampPercent = (fraction: number) => Math.min(100, Math.max(0, fraction * 100));

/**
 * The rectangle of a detection labelled `label`: the box in percent of the image, clamped to
 * 0–100 (detectors predict boxes past the edges), with the image's pixel size so Label Studio
 * can place it. Undefined for a box entirely outside the image.
 */
export function detectionRegion(
  detection: Detection,
  label: string,
  target: RegionTarget,
  id: string,
): RegionResult | undefined {
  const [x0, y0, x1, y1] = [
    detection.box.xmin,
    detection.box.ymin,
    detection.box.xmax,
    detection.box.ymax,
  ].map(clampPercent) as [number, number, number, number];
  if (x1 - x0 <= 0 || y1 - y0 <= 0) return undefined;
  const box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const options = { toName: target.toName, id, score: detection.score, original: target.size };
  return rectangle(target.control, box, label, options);
}

/**
 * A task's prediction: every detection scoring at least `threshold` whose class maps to a
 * config label. Task score = the best box's score (0 when nothing was found).
 */
export function boxesPrediction(
  detections: readonly Detection[],
  labels: LabelMap,
  target: RegionTarget,
  threshold: number,
): Prediction {
  const result: RegionResult[] = [];
  for (const detection of detections) {
    const label = labels.get(detection.label);
    if (detection.score < threshold || label === undefined) continue;
    const region = detectionRegion(detection, label, target, `det${result.length}`);
    if (region) result.push(region);
  }
  return { result, score: Math.max(0, ...result.map((r) => r.score ?? 0)) };
}

/**
 * The smart tool's answer: the one detection (scoring at least `threshold`) that best fits the
 * rectangle the annotator drew, or no result when they drew none or nothing overlaps it.
 */
export function smartToolPrediction(
  detections: readonly Detection[],
  labels: LabelMap,
  target: RegionTarget,
  drawn: DrawnRectangle | undefined,
  threshold: number,
): Prediction {
  const candidates = detections.filter((d) => d.score >= threshold);
  const best = drawn && bestDetectionFor(candidates, drawn, labels);
  const label = best && labels.get(best.label);
  const region = best && label !== undefined && detectionRegion(best, label, target, 'smart0');
  return region ? { result: [region], score: best.score } : { result: [], score: 0 };
}
