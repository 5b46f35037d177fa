import type { Logger } from '@lsml/core';
import { loadPipeline, type ModelSettings } from '@lsml/transformers';
import { ctcRecognizer } from './ctc-recognizer.js';
import { genericRecognizer } from './generic-recognizer.js';
import type { Recognizer } from './transcription.js';
import { whisperRecognizer } from './whisper-recognizer.js';

/** Model types the pipeline decodes with CTC (one frame, one letter). */
const CTC_MODEL_TYPES = new Set([
  'wav2vec2',
  'wav2vec2-bert',
  'hubert',
  'unispeech',
  'unispeech-sat',
]);

/** Loads the speech model once per process and picks its decoding path from `model_type`. */
export async function loadRecognizer(settings: ModelSettings, log: Logger): Promise<Recognizer> {
  const asr = await loadPipeline('automatic-speech-recognition', settings, log);
  const modelType = (asr.model.config as unknown as { model_type?: string }).model_type ?? '';
  if (CTC_MODEL_TYPES.has(modelType)) return ctcRecognizer(asr);
  if (modelType === 'whisper' || modelType === 'lite-whisper') return whisperRecognizer(asr);
  return genericRecognizer(asr);
}
