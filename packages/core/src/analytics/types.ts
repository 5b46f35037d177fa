import type { RegionResult } from '../contract/types.js';

/**
 * What the annotator did with one predicted region or answer:
 * - `kept`: the annotation has it (same labels and per-region answers, geometry within the
 *   match threshold, same value);
 * - `edited`: the annotation has it changed (another label or answer, geometry moved past the
 *   threshold but still overlapping, text rewritten beyond the tolerance);
 * - `removed`: the annotation has nothing in its place;
 * - `added`: the annotator drew or answered something the prediction did not have.
 */
export type RegionOutcome = 'kept' | 'edited' | 'removed' | 'added';

export const OUTCOMES: readonly RegionOutcome[] = ['kept', 'edited', 'removed', 'added'];

/** One region or answer, compared. */
export interface RegionComparison {
  outcome: RegionOutcome;
  /** The control (`from_name`) of the region's main result. */
  control: string;
  /** The object tag (`to_name`). */
  object: string;
  /** The result type of the region's main result (`rectanglelabels`, `choices`, …). */
  type: string;
  /**
   * The labels or answers it is counted under, as Label Studio saves them (a label's `alias`
   * when it has one, else its `value`): the prediction's for kept, edited and removed, the
   * annotation's for added. Empty for controls without labels (textarea, rating, number).
   */
  labels: string[];
  /** How close the pair was, 0..1 (IoU, span overlap, 1 − edit distance, …); absent when unpaired. */
  similarity?: number;
  predicted?: RegionResult;
  annotated?: RegionResult;
}

/** The outcome of comparing one prediction with one annotation of the same task. */
export interface ResultComparison {
  regions: RegionComparison[];
  counts: Record<RegionOutcome, number>;
}

/** Thresholds of {@link compareResults}; each has a default. */
export interface CompareOptions {
  /** Least intersection over union of two shapes (rectangles, polygons, ellipses) to match. Default 0.5. */
  minIoU?: number;
  /** Least overlap (intersection over union of offsets) of two text, audio or time spans to match. Default 0.5. */
  minSpanOverlap?: number;
  /**
   * Largest distance between two keypoints to match, as a fraction of the image diagonal
   * (pixels when the results carry `original_width`/`original_height`, else percent). Default 0.02.
   */
  maxKeypointDistance?: number;
  /** Largest normalized edit distance (0 same, 1 all different) for a text answer to count as kept. Default 0.1. */
  maxTextDistance?: number;
}
