import type { RawImage } from '@huggingface/transformers';
import { isLsmlError, LsmlError, type DataReader, type Logger, type Task } from '@lsml/core';
import { decodeImage } from './decode-image.js';
import { readEachTask } from './read-each-task.js';

/** A task's image, decoded, with the bytes it came from (for content hashes). */
export interface TaskImage {
  image: RawImage;
  bytes: Buffer;
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
 * Reads every task's image ({@link readTaskImage}), 8 at a time; an unreadable one leaves only
 * its task without a prediction, unless it is the only task (see {@link readEachTask}).
 */
export function readTaskImages(
  tasks: readonly Task[],
  key: string,
  readData: DataReader,
  options: { log: Logger; signal?: AbortSignal; concurrency?: number },
): Promise<(TaskImage | undefined)[]> {
  return readEachTask(tasks, (task) => readTaskImage(task, key, readData, options.signal), options);
}
