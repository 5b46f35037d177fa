import { TINY_MODEL_KINDS, type TinyModelKind } from './tiny-model-kinds.js';

/** The seed used when none is given; the cache and the examples' tests assume it. */
export const DEFAULT_SEED = 42;

export interface GenerateOptions {
  /** Seeds every random weight; the same seed gives byte-identical files. */
  seed?: number;
}

/**
 * Writes one tiny model in Hugging Face folder layout (`config.json`, processor/tokenizer files,
 * `onnx/*.onnx`) into `outDir`, and returns `outDir`. Load it with `pipeline(task, outDir)` (an
 * absolute path) or with `env.localModelPath` set to the parent folder and the kind as model id.
 *
 * @example
 * const dir = await generateTinyModel('detr', join(tmp, 'detr'), { seed: 1 });
 * const detector = await pipeline('object-detection', dir);
 */
export async function generateTinyModel(
  kind: TinyModelKind,
  outDir: string,
  { seed = DEFAULT_SEED }: GenerateOptions = {},
): Promise<string> {
  await TINY_MODEL_KINDS[kind].build(seed).writeTo(outDir);
  return outDir;
}
