import type { Logger } from '@lsml/core';
import { InferenceQueue, loadPipeline, type ModelSettings } from '@lsml/transformers';
import { ctcRecognizer } from './ctc-recognizer.js';
import { genericRecognizer } from './generic-recognizer.js';
import type { Recognizer, TranscribeOptions, Transcription } from './transcription.js';
import { whisperRecognizer } from './whisper-recognizer.js';

/** Model types the pipeline decodes with CTC (one frame, one letter). */
const CTC_MODEL_TYPES = new Set([
  'wav2vec2',
  'wav2vec2-bert',
  'hubert',
  'unispeech',
  'unispeech-sat',
]);

/** Transcribes 16 kHz mono samples; calls from every request share the model in turn. */
export type Transcriber = (
  audio: Float32Array,
  options: TranscribeOptions,
  signal: AbortSignal,
) => Promise<Transcription>;

/** Loads the speech model once per process and picks its decoding path from `model_type`. */
async function loadRecognizer(settings: ModelSettings, log: Logger): Promise<Recognizer> {
  const asr = await loadPipeline('automatic-speech-recognition', settings, log);
  const modelType = (asr.model.config as unknown as { model_type?: string }).model_type ?? '';
  if (CTC_MODEL_TYPES.has(modelType)) return ctcRecognizer(asr);
  if (modelType === 'whisper' || modelType === 'lite-whisper') return whisperRecognizer(asr);
  return genericRecognizer(asr);
}

/**
 * The loaded model behind a queue: at most `LSML_INFERENCE_CONCURRENCY` recordings at once,
 * one per model call (a recording is already many windows of work).
 */
export async function loadTranscriber(settings: ModelSettings, log: Logger): Promise<Transcriber> {
  const recognizer = await loadRecognizer(settings, log);
  const queue = new InferenceQueue<
    { audio: Float32Array; options: TranscribeOptions },
    Transcription
  >({
    batchSize: 1,
    concurrency: settings.concurrency,
    run: async ([job]) => (job ? [await recognizer.transcribe(job.audio, job.options)] : []),
  });
  return (audio, options, signal) => queue.run({ audio, options }, signal);
}
