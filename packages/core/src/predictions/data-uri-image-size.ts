import type { ImageSize } from './image-builders.js';

/**
 * The pixel size of a PNG, GIF or JPEG image given as a `data:` URI, read from its header; for
 * anything else (a URL, another format) `undefined`, as nothing is fetched.
 */
export function dataUriImageSize(value: unknown): ImageSize | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^data:image\/[\w.+-]+;base64,/i.exec(value);
  if (!match) return undefined;
  // The header is at the start: decode only the first few kilobytes.
  const bytes = Buffer.from(value.slice(match[0].length, match[0].length + 65_536), 'base64');
  return pngSize(bytes) ?? gifSize(bytes) ?? jpegSize(bytes);
}

function pngSize(b: Buffer): ImageSize | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gifSize(b: Buffer): ImageSize | undefined {
  if (b.length < 10 || b.toString('latin1', 0, 3) !== 'GIF') return undefined;
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

/** Walks the JPEG markers to the first start-of-frame, which holds the size. */
function jpegSize(b: Buffer): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    const length = b.readUInt16BE(at + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { width: b.readUInt16BE(at + 7), height: b.readUInt16BE(at + 5) };
    at += 2 + length;
  }
  return undefined;
}
