import sharp from 'sharp';

export type Rgb = readonly [number, number, number];

export interface SyntheticImageOptions {
  width?: number;
  height?: number;
  /** Different seeds give different noise, so no two images of a colour are identical. */
  seed?: number;
  /** Noise amplitude per channel (±). Default 60. */
  noise?: number;
  format?: 'png' | 'jpeg';
}

/** A seeded PRNG (mulberry32): the same seed always draws the same numbers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Encoded image bytes (PNG or JPEG) of one dominant colour with seeded noise: test fixtures
 * made at test time, never committed.
 *
 * @example
 * const png = await syntheticImage([220, 30, 30], { seed: 1 });
 */
export async function syntheticImage(
  colour: Rgb,
  { width = 48, height = 32, seed = 0, noise = 60, format = 'png' }: SyntheticImageOptions = {},
): Promise<Buffer> {
  const random = seededRandom(seed + 1);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) {
    const base = colour[i % 3] ?? 0;
    pixels[i] = Math.max(0, Math.min(255, Math.round(base + (random() * 2 - 1) * noise)));
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** A `data:` URI for image bytes, as a task's `data.image` may hold. */
export function imageDataUri(bytes: Uint8Array, format: 'png' | 'jpeg' = 'png'): string {
  return `data:image/${format};base64,${Buffer.from(bytes).toString('base64')}`;
}
