/**
 * Label Studio's brush RLE: the bit-packed run-length format of thi.ng's rle-pack, over the
 * RGBA bytes of the mask. Header: element count (32 bits), word size − 1 (5 bits), four run
 * size classes − 1 (4 bits each). Then chunks: 1 bit repeat/literal, 2 bits size class, the
 * count − 1 in that many bits, then one value (repeat) or `count` values (literal).
 */
const WORD_SIZE = 8;
const RUN_SIZES = [3, 4, 8, 16] as const;
const MAX_RUN = 1 << 16;

class BitWriter {
  readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, bits: number): void {
    for (let bit = bits - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** bit) & 1);
      if (++this.filled === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.filled = 0;
      }
    }
  }

  finish(): number[] {
    if (this.filled > 0) this.bytes.push(this.current << (8 - this.filled));
    this.filled = 0;
    this.current = 0;
    return this.bytes;
  }
}

function sizeClass(countMinusOne: number): number {
  const index = RUN_SIZES.findIndex((bits) => countMinusOne < 1 << bits);
  return index === -1 ? RUN_SIZES.length - 1 : index;
}

function writeChunk(out: BitWriter, repeat: boolean, values: ArrayLike<number>, count: number) {
  const cls = sizeClass(count - 1);
  out.write(repeat ? 1 : 0, 1);
  out.write(cls, 2);
  out.write(count - 1, RUN_SIZES[cls] ?? 16);
  for (let i = 0; i < (repeat ? 1 : count); i++) out.write(values[i] ?? 0, WORD_SIZE);
}

/** Encode bytes (0–255) in Label Studio's RLE. */
export function encodeRle(data: ArrayLike<number>): number[] {
  const out = new BitWriter();
  out.write(data.length, 32);
  out.write(WORD_SIZE - 1, 5);
  for (const size of RUN_SIZES) out.write(size - 1, 4);
  const literal: number[] = [];
  const flushLiteral = () => {
    if (literal.length > 0) writeChunk(out, false, literal, literal.length);
    literal.length = 0;
  };
  let i = 0;
  while (i < data.length) {
    const value = data[i] ?? 0;
    let end = i + 1;
    while (end < data.length && data[end] === value && end - i < MAX_RUN) end++;
    if (end - i > 1) {
      flushLiteral();
      writeChunk(out, true, [value], end - i);
    } else {
      literal.push(value);
      if (literal.length === MAX_RUN) flushLiteral();
    }
    i = end;
  }
  flushLiteral();
  return out.finish();
}

/** Decode Label Studio's RLE back into bytes (for tests and for reading annotations). */
export function decodeRle(rle: ArrayLike<number>): Uint8Array {
  let position = 0;
  const read = (bits: number): number => {
    let value = 0;
    for (let b = 0; b < bits; b++, position++) {
      const byte = rle[position >> 3] ?? 0;
      value = value * 2 + ((byte >> (7 - (position & 7))) & 1);
    }
    return value;
  };
  const count = read(32);
  const wordSize = read(5) + 1;
  const sizes = [read(4) + 1, read(4) + 1, read(4) + 1, read(4) + 1];
  const out = new Uint8Array(count);
  for (let i = 0; i < count && position < rle.length * 8;) {
    const repeat = read(1) === 1;
    const end = Math.min(count, i + 1 + read(sizes[read(2)] ?? 16));
    if (repeat) out.fill(read(wordSize), i, end);
    else for (; i < end; i++) out[i] = read(wordSize);
    i = end;
  }
  return out;
}

/**
 * A mask (one value per pixel, row by row; any value > 0 is inside) as Label Studio RLE:
 * each pixel becomes four RGBA bytes, 255 inside and 0 outside.
 */
export function maskToRle(mask: ArrayLike<number>): number[] {
  const rgba = new Uint8Array(mask.length * 4);
  for (let p = 0; p < mask.length; p++) if ((mask[p] ?? 0) > 0) rgba.fill(255, p * 4, p * 4 + 4);
  return encodeRle(rgba);
}
