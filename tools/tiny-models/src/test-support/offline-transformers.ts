import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, RawImage } from '@huggingface/transformers';
import { generateTinyModel } from '../generate-tiny-model.js';
import type { TinyModelKind } from '../tiny-model-kinds.js';

/** One thread per session: the tests share 2 cores with other workers. */
export const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1 };

/**
 * Puts transformers.js in the offline mode the examples use: no hub, no download cache (it is
 * consulted before local folders), and any network call fails the test loudly.
 */
export function useOfflineTransformers(): void {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.logLevel = LogLevel.ERROR;
  env.fetch = () => {
    throw new Error('tiny-models tests must not touch the network');
  };
}

/** Generates one kind into a fresh temp folder (fresh paths avoid transformers.js memoization). */
export async function generateInTemp(
  kind: TinyModelKind,
  seed?: number,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `tiny-${kind}-`));
  const dir = await generateTinyModel(kind, join(root, kind), seed === undefined ? {} : { seed });
  return { dir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A solid RGB image with a little seeded noise, so images of one colour are not identical. */
export function colourImage(
  [r, g, b]: readonly [number, number, number],
  width: number,
  height: number,
  noiseSeed = 0,
): RawImage {
  let state = noiseSeed * 7919 + 1;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648 - 0.5) * 80;
  };
  const data = new Uint8ClampedArray(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    data[i * 3] = r + noise();
    data[i * 3 + 1] = g + noise();
    data[i * 3 + 2] = b + noise();
  }
  return new RawImage(data, width, height, 3);
}
