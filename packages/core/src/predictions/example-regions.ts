import type { RegionResult, Task } from '../contract/types.js';
import type { ControlTag, ObjectTag } from '../label-config/index.js';
import type { ResultTarget } from './build-result.js';
import type { Dice } from './example-seed.js';
import { firstTextNode } from './html-text-node.js';
import { brush, ellipse, keypoint, polygon, rectangle, type ImageSize } from './image-builders.js';
import {
  audioSegment,
  hypertextLabels,
  labels,
  paragraphLabels,
  timeseriesLabels,
} from './span-builders.js';
import { taskValue } from './task-value.js';
import { timelineLabels, videoRectangle } from './video-builders.js';

/** What a region answer is drawn from: the task, its dice, the next id, the label (if any). */
export interface RegionDraw {
  task: Task;
  dice: Dice;
  nextId: () => string;
  key: string | undefined;
  score: number;
  /** The image's size in pixels, when known. */
  imageSize: ImageSize | undefined;
}

/** Geometry tools on an Image, by the result type of their labelled form. */
export const IMAGE_TOOLS: Record<string, string> = {
  rectangle: 'rectangle',
  rectanglelabels: 'rectangle',
  polygon: 'polygon',
  polygonlabels: 'polygon',
  ellipse: 'ellipse',
  ellipselabels: 'ellipse',
  keypoint: 'keypoint',
  keypointlabels: 'keypoint',
  brush: 'brush',
  brushlabels: 'brush',
};

/** A box inside the image, in percent: somewhere in the upper left, 20–50 % on a side. */
function exampleBox(dice: Dice) {
  return {
    x: dice.between(5, 40),
    y: dice.between(5, 40),
    width: dice.between(20, 50),
    height: dice.between(20, 50),
  };
}

/** One shape of `tool` ('rectangle', 'polygon', …) over the image, labelled with `draw.key`. */
export function imageRegion(tool: string, target: ResultTarget, draw: RegionDraw): RegionResult {
  const { x, y, width, height } = exampleBox(draw.dice);
  const options = {
    id: draw.nextId(),
    score: draw.score,
    ...(draw.imageSize ? { original: draw.imageSize } : {}),
  };
  const key = draw.key;
  switch (tool) {
    case 'polygon':
      return polygon(
        target,
        [
          [x, y + height],
          [x + width / 2, y],
          [x + width, y + height],
        ],
        key,
        options,
      );
    case 'ellipse':
      return ellipse(
        target,
        { x: x + width / 2, y: y + height / 2, radiusX: width / 2, radiusY: height / 2 },
        key,
        options,
      );
    case 'keypoint':
      return keypoint(target, { x: x + width / 2, y: y + height / 2 }, key, options);
    case 'brush':
      return brush(target, boxMask(draw.imageSize ?? DEFAULT_MASK, { x, y, width, height }), key, {
        id: options.id,
        score: options.score,
      });
    default:
      return rectangle(target, { x, y, width, height }, key, options);
  }
}

/** The mask size when the image's is unknown: Label Studio redraws it at the image's size. */
const DEFAULT_MASK: ImageSize = { width: 64, height: 64 };

function boxMask(size: ImageSize, box: { x: number; y: number; width: number; height: number }) {
  const data = new Uint8Array(size.width * size.height);
  const px = (percent: number, of: number) => Math.round((percent / 100) * of);
  for (let row = px(box.y, size.height); row < px(box.y + box.height, size.height); row++)
    data.fill(
      1,
      row * size.width + px(box.x, size.width),
      row * size.width + px(box.x + box.width, size.width),
    );
  return { data, width: size.width, height: size.height };
}

/** Word spans of a text: `count` consecutive words near its start. */
function wordSpans(text: string, count: number, dice: Dice) {
  const words = [...text.matchAll(/\S+/g)].slice(0, 6);
  if (words.length < count) return [];
  const first = dice.below(words.length - count + 1);
  return words.slice(first, first + count).map((w) => ({
    start: w.index,
    end: w.index + w[0].length,
    text: w[0],
  }));
}

/**
 * Region answers of a span or time control on `object`: character spans on Text, an XPath
 * span on HyperText, a piece of the first utterance of Paragraphs, seconds of Audio, a range
 * of a TimeSeries, a tracked box or frame range on Video. Empty when the data is not in the
 * task (e.g. `valueType="url"`) or the control does not label such an object.
 */
export function spanRegions(
  control: ControlTag,
  object: ObjectTag,
  draw: RegionDraw,
  count = 1,
): RegionResult[] {
  const data = taskValue(draw.task, object);
  const { key, score } = draw;
  const options = () => ({ id: draw.nextId(), score });
  const kind = object.tag.toLowerCase();
  // Only a tracked box may go unlabelled (a VideoRectangle without <Labels>).
  if (key === undefined && kind !== 'video') return [];
  const label = key ?? [];
  switch (kind) {
    case 'text':
      if (typeof data !== 'string' || object.valueType === 'url') return [];
      return wordSpans(data, count, draw.dice).map((s) => labels(control, s, label, options()));
    case 'hypertext': {
      // The first word of the first text node: the span Label Studio stores as XPath + offsets.
      const node = typeof data === 'string' ? firstTextNode(data) : undefined;
      const word = node && /^(\s*)([^\s&]+)/.exec(node.text);
      if (!node || !word?.[2]) return [];
      const startOffset = word[1]?.length ?? 0;
      const endOffset = startOffset + word[2].length;
      const span = { start: node.xpath, end: node.xpath, startOffset, endOffset, text: word[2] };
      return [hypertextLabels(control, span, label, options())];
    }
    case 'paragraphs': {
      const first: unknown = Array.isArray(data) ? data[0] : undefined;
      const said =
        typeof first === 'object' && first !== null
          ? (first as Record<string, unknown>)[object.attrs.textKey ?? 'text']
          : undefined;
      if (typeof said !== 'string' || said === '') return [];
      const text = said.slice(0, 10);
      const span = { start: 0, end: 0, startOffset: 0, endOffset: text.length, text };
      return [paragraphLabels(control, span, label, options())];
    }
    case 'audio':
    case 'audioplus':
      return [audioSegment(control, { start: 0, end: 1 }, label, options())];
    case 'timeseries':
      // The first unit of the time axis: Label Studio indexes rows from 0 without a timeColumn.
      return [timeseriesLabels(control, { start: 0, end: 1 }, label, options())];
    case 'video':
      return [videoRegion(control, object, draw)];
    default:
      return [];
  }
}

/**
 * A box on the first frame (VideoRectangle), or a frame range (TimelineLabels). The editor
 * keeps a keyframe's `time` as frame ÷ frame rate (`frameRate`, default 24).
 */
function videoRegion(control: ResultTarget, object: ObjectTag, draw: RegionDraw): RegionResult {
  const options = { id: draw.nextId(), score: draw.score };
  if (control.type === 'timelinelabels')
    return timelineLabels(control, [{ start: 1, end: 5 }], draw.key ?? [], options);
  const rate = Number(object.attrs.frameRate ?? object.attrs.framerate ?? 24);
  const sequence = [{ frame: 1, time: 1 / (rate > 0 ? rate : 24), ...exampleBox(draw.dice) }];
  return videoRectangle(control, { sequence }, draw.key, options);
}
