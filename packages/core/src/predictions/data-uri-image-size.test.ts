import { describe, expect, it } from 'vitest';
import { dataUriImageSize } from './data-uri-image-size.js';

const uri = (type: string, bytes: number[]) =>
  `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('dataUriImageSize', () => {
  it('reads PNG, GIF and JPEG headers', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82];
    expect(dataUriImageSize(uri('png', [...png, 0, 0, 1, 0, 0, 0, 0, 200]))).toEqual({
      width: 256,
      height: 200,
    });
    expect(dataUriImageSize(uri('gif', [71, 73, 70, 56, 57, 97, 0x40, 1, 0x20, 0]))).toEqual({
      width: 320,
      height: 32,
    });
    // SOI, an APP0 segment of 4 bytes to skip, then SOF0: precision, height, width.
    const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0xff, 0xc0, 0, 17, 8, 0, 48, 0, 64, 3];
    expect(dataUriImageSize(uri('jpeg', jpeg))).toEqual({ width: 64, height: 48 });
  });

  it('is undefined for URLs, other formats and truncated headers', () => {
    expect(dataUriImageSize('https://example.com/a.png')).toBeUndefined();
    expect(dataUriImageSize(uri('webp', [82, 73, 70, 70]))).toBeUndefined();
    expect(dataUriImageSize(uri('jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 40, 1]))).toBeUndefined();
    expect(dataUriImageSize(42)).toBeUndefined();
  });
});
