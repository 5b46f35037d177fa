import { RawImage } from '@huggingface/transformers';
import sharp from 'sharp';

/**
 * Decodes image bytes (PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG) into an RGB `RawImage`. EXIF
 * orientation is applied, because Label Studio shows photos upright and region coordinates
 * must match what the annotator sees. Grey and alpha images become plain RGB.
 */
export async function decodeImage(bytes: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  return new RawImage(pixels, info.width, info.height, info.channels);
}
