import type { RawImage } from '@huggingface/transformers';
import {
  isLsmlError,
  LsmlError,
  type ControlTag,
  type DataReader,
  type LabelInterface,
  type Logger,
  type Task,
} from '@lsml/core';
import { decodeImage } from './decode-image.js';
import { mapLimited } from './map-limited.js';

/** A task's image, decoded, with the bytes it came from (for content hashes). */
export interface TaskImage {
  image: RawImage;
  bytes: Buffer;
}

/** The `<Image>` a control labels: its name (the results' `to_name`) and its task data key. */
export interface ImageTarget {
  name: string;
  dataKey: string;
}

/**
 * The `<Image>` among a control's `toName`, or undefined when it labels no image. The data key
 * is the `value="$image"` of the tag; Label Studio's `$undefined$` configs put the only value
 * under any key, which {@link readTaskImage} handles.
 */
export function imageTarget(
  labelInterface: LabelInterface,
  control: ControlTag,
): ImageTarget | undefined {
  const object = control.toName
    .map((name) => labelInterface.object(name))
    .find((tag) => tag?.tag.toLowerCase() === 'image');
  return object ? { name: object.name, dataKey: object.dataKey ?? 'image' } : undefined;
}

function imageValue(task: Task, key: string): unknown {
  if (key in task.data) return task.data[key];
  const values = Object.values(task.data);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * Reads the bytes behind `task.data[key]` (URL, Label Studio upload, data URI — whatever
 * `readData` resolves). Failures name the task and keep the reader's error code.
 */
export async function readTaskBytes(
  task: Task,
  key: string,
  readData: DataReader,
  signal?: AbortSignal,
): Promise<Buffer> {
  const value = imageValue(task, key);
  if (typeof value !== 'string' || value === '') {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Task ${task.id}: data.${key} must be an image URL or data URI, got ${value === undefined ? 'nothing' : typeof value}`,
    );
  }
  try {
    return await readData(value, signal ? { signal } : {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LsmlError(
      isLsmlError(error) ? error.code : 'DATA_FETCH_FAILED',
      `Task ${task.id}: cannot read data.${key}: ${message}`,
      { cause: error },
    );
  }
}

/** Decodes a task's image bytes; a file that is not an image is a 422 naming the task. */
export async function decodeTaskImage(task: Task, key: string, bytes: Buffer): Promise<RawImage> {
  try {
    return await decodeImage(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LsmlError(
      'VALIDATION_FAILED',
      `Task ${task.id}: data.${key} is not a readable image (${bytes.length} bytes; PNG, JPEG, WebP, GIF, TIFF, AVIF or SVG expected): ${message}`,
      { cause: error },
    );
  }
}

/** Reads and decodes a task's image ({@link readTaskBytes} then {@link decodeTaskImage}). */
export async function readTaskImage(
  task: Task,
  key: string,
  readData: DataReader,
  signal?: AbortSignal,
): Promise<TaskImage> {
  const bytes = await readTaskBytes(task, key, readData, signal);
  return { image: await decodeTaskImage(task, key, bytes), bytes };
}

/**
 * Reads every task's image, at most `concurrency` at once. One unreadable image must not sink
 * a batch: that task gets `undefined` and a warning naming it. A single-task request (what
 * Label Studio sends when a person opens a task) throws instead, so they see why; an aborted
 * request fails as a whole. The same rule as core's `predictEachTask`.
 */
export async function readTaskImages(
  tasks: readonly Task[],
  key: string,
  readData: DataReader,
  options: { log: Logger; signal?: AbortSignal; concurrency?: number },
): Promise<(TaskImage | undefined)[]> {
  const { log, signal, concurrency = 8 } = options;
  return mapLimited(tasks, concurrency, async (task) => {
    try {
      return await readTaskImage(task, key, readData, signal);
    } catch (error) {
      if (signal?.aborted === true || tasks.length === 1) throw error;
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ task: task.id, err: error }, `task left without a prediction: ${message}`);
      return undefined;
    }
  });
}
