import type { RegionResult } from '../contract/types.js';
import { buildResult, withLabels, type ResultOptions, type ResultTarget } from './build-result.js';

/**
 * One keyframe of a tracked box, percent coordinates, `time` in seconds.
 *
 * @example
 * const k: VideoKeyframe = { frame: 1, time: 0.04, x: 10, y: 10, width: 20, height: 30 };
 */
export interface VideoKeyframe {
  frame: number;
  time: number;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number;
  enabled?: boolean;
}

/**
 * `<VideoRectangle>`: a box tracked over keyframes; its labels come from a `<Labels>` on the
 * same video and go under `labels`.
 *
 * @example
 * videoRectangle(box, { framesCount: 250, duration: 10, sequence: [{ frame: 1, time: 0.04, x: 1, y: 2, width: 3, height: 4 }] }, 'Car');
 */
export function videoRectangle(
  control: ResultTarget,
  track: { sequence: readonly VideoKeyframe[]; framesCount?: number; duration?: number },
  label?: string | readonly string[],
  options?: ResultOptions,
): RegionResult {
  const sequence = track.sequence.map((k) => ({ enabled: true, rotation: 0, ...k }));
  const value: Record<string, unknown> = { sequence };
  if (track.framesCount !== undefined) value.framesCount = track.framesCount;
  if (track.duration !== undefined) value.duration = track.duration;
  return buildResult(
    control,
    'videorectangle',
    withLabels(value, 'videorectangle', label),
    options,
  );
}

/** `<TimelineLabels>` on `<Video>`: frame ranges. */
export function timelineLabels(
  control: ResultTarget,
  ranges: readonly { start: number; end: number }[],
  label: string | readonly string[],
  options?: ResultOptions,
): RegionResult {
  const type = control.type ?? 'timelinelabels';
  const value = { ranges: ranges.map((r) => ({ start: r.start, end: r.end })) };
  return buildResult(control, type, withLabels(value, type, label), options);
}
