import type { ModelFiles } from './model-files.js';
import { buildDetr } from './kinds/detr.js';
import { buildGpt2 } from './kinds/gpt2.js';
import { buildWhisper } from './kinds/whisper.js';
import { buildWav2vec2Ctc } from './kinds/wav2vec2-ctc.js';
import { buildVitFeatures } from './kinds/vit-features.js';

/** What each kind is, the transformers.js task it serves, and how to build its files. */
export interface TinyModelKindSpec {
  readonly task: string;
  readonly description: string;
  readonly build: (seed: number) => ModelFiles;
}

export const TINY_MODEL_KINDS = {
  detr: {
    task: 'object-detection',
    description: 'DETR-shaped detector: cat/dog/person/car at fixed boxes',
    build: buildDetr,
  },
  'vit-features': {
    task: 'image-feature-extraction',
    description: 'ViT-shaped encoder: 32-d embeddings that carry the mean colour',
    build: buildVitFeatures,
  },
  gpt2: {
    task: 'text-generation',
    description: 'GPT-2-shaped causal LM with a KV cache and a byte-level BPE tokenizer',
    build: buildGpt2,
  },
  'wav2vec2-ctc': {
    task: 'automatic-speech-recognition',
    description: 'wav2vec2-CTC-shaped recognizer of a tone alphabet (see toneAlphabetAudio)',
    build: () => buildWav2vec2Ctc(),
  },
  whisper: {
    task: 'automatic-speech-recognition',
    description: 'Whisper-shaped encoder + merged decoder with a KV cache, 2-s windows',
    build: buildWhisper,
  },
} as const satisfies Record<string, TinyModelKindSpec>;

/** A model kind; it is also the model's folder name (the `MODEL_ID` examples load). */
export type TinyModelKind = keyof typeof TINY_MODEL_KINDS;

export const ALL_TINY_MODEL_KINDS = Object.keys(TINY_MODEL_KINDS) as TinyModelKind[];

export function isTinyModelKind(value: string): value is TinyModelKind {
  return Object.hasOwn(TINY_MODEL_KINDS, value);
}
