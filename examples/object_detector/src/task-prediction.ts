import type { Prediction, RegionResult } from '@lsml/core';
import type { Detection } from './detector.js';
import { bestDetectionFor, type DrawnRectangle } from './interactive.js';
import type { LabelMap } from './label-map.js';
import { rectangleRegion, type RectangleTarget } from './rectangle-region.js';

/** Where a task's regions go and the pixel size of its image. */
export interface TaskTarget extends RectangleTarget {
  size: { width: number; height: number };
}

/**
 * A task's prediction: every detection scoring at least `threshold` whose class maps to a
 * config label. Task score = the best box's score (0 when nothing was found).
 */
export function boxesPrediction(
  detections: readonly Detection[],
  labels: LabelMap,
  target: TaskTarget,
  threshold: number,
): Prediction {
  const result: RegionResult[] = [];
  for (const detection of detections) {
    if (detection.score < threshold) continue;
    const label = labels.labelFor(detection.label);
    if (label === undefined) continue;
    const region = rectangleRegion(detection, label, target, target.size, `det${result.length}`);
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
  target: TaskTarget,
  drawn: DrawnRectangle | undefined,
  threshold: number,
): Prediction {
  const candidates = detections.filter((d) => d.score >= threshold);
  const best = drawn && bestDetectionFor(candidates, drawn, labels);
  const label = best && labels.labelFor(best.label);
  const region =
    best && label !== undefined && rectangleRegion(best, label, target, target.size, 'smart0');
  return region ? { result: [region], score: best.score } : { result: [], score: 0 };
}
