export { DEFAULT_SEED, generateTinyModel, type GenerateOptions } from './generate-tiny-model.js';
export {
  defaultTinyModelsRoot,
  ensureTinyModels,
  type EnsureOptions,
  type TinyModelSet,
} from './ensure-tiny-models.js';
export { tinyModelEnv, type TinyModelEnv } from './tiny-model-env.js';
export {
  ALL_TINY_MODEL_KINDS,
  isTinyModelKind,
  TINY_MODEL_KINDS,
  type TinyModelKind,
  type TinyModelKindSpec,
} from './tiny-model-kinds.js';
export { DETR_LABELS, DETR_QUERIES } from './kinds/detr.js';
export { VIT_HIDDEN_SIZE, VIT_LABELS } from './kinds/vit-features.js';
export { GPT2_EOS, GPT2_MAX_POSITIONS } from './kinds/gpt2.js';
export { SAMPLE_RATE, WAV2VEC2_VOCAB } from './kinds/wav2vec2-ctc.js';
export { toneAlphabetAudio, type ToneAudioOptions } from './tone-alphabet-audio.js';
export { WHISPER_CHUNK_SECONDS, WHISPER_LANGUAGES } from './kinds/whisper-shape.js';
