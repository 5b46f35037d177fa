import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LsmlError, type DataReader } from '@lsml/core';
import { readTaskImage } from './task-image.js';
import { imageDataUri, syntheticImage } from './testing/index.js';

const readDataUri: DataReader = (value) =>
  Promise.resolve(Buffer.from(value.slice(value.indexOf(',') + 1), 'base64'));

describe('readTaskImage', () => {
  it('decodes PNG and JPEG into RGB images of the original size', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const bytes = await syntheticImage([200, 20, 20], { width: 40, height: 30, format });
      const task = { id: 1, data: { image: imageDataUri(bytes, format) } };
      const { image } = await readTaskImage(task, 'image', readDataUri);
      expect([image.width, image.height, image.channels]).toEqual([40, 30, 3]);
    }
  });

  it('turns grey images with alpha into RGB', async () => {
    const grey = await sharp(Buffer.alloc(10 * 10 * 2, 128), {
      raw: { width: 10, height: 10, channels: 2 },
    })
      .png()
      .toBuffer();
    const { image } = await readTaskImage({ id: 2, data: { image: 'x' } }, 'image', () =>
      Promise.resolve(grey),
    );
    expect(image.channels).toBe(3);
  });

  it('names the task when the bytes are not an image', async () => {
    const error = await readTaskImage({ id: 77, data: { image: 'x' } }, 'image', () =>
      Promise.resolve(Buffer.from('definitely not a picture')),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LsmlError);
    expect((error as LsmlError).status).toBe(422);
    expect((error as LsmlError).message).toMatch(/^Task 77: data.image is not a readable image/);
  });

  it('names the task when the data cannot be read, keeping the reader’s code', async () => {
    const error = await readTaskImage(
      { id: 'a1', data: { image: 'http://x/y.png' } },
      'image',
      () => Promise.reject(new LsmlError('DATA_NOT_FOUND', 'GET http://x/y.png answered 404')),
    ).catch((e: unknown) => e);
    expect((error as LsmlError).code).toBe('DATA_NOT_FOUND');
    expect((error as LsmlError).message).toBe(
      'Task a1: cannot read data.image: GET http://x/y.png answered 404',
    );
  });

  it('rejects a task without an image value', async () => {
    await expect(
      readTaskImage({ id: 3, data: { image: 5, other: 1 } }, 'image', readDataUri),
    ).rejects.toThrow('Task 3: data.image must be an image URL or data URI, got number');
  });
});
