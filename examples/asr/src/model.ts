import { defineBackend, predictEachTask, type Backend, type Logger } from '@lsml/core';
import { InferenceQueue, modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';
import { asrSettingsFromEnv, type AsrSettings } from './asr-settings.js';
import { audioTarget } from './audio-target.js';
import { decodeAudio } from './audio/decode-audio.js';
import { readTaskAudio } from './read-task-audio.js';
import { loadRecognizer } from './transcribe/load-recognizer.js';
import type { Recognizer, TranscribeOptions, Transcription } from './transcribe/transcription.js';
import { transcriptionPrediction } from './transcription-results.js';

/** The default model: Whisper tiny (English), small enough for a CPU. `MODEL_ID` overrides it. */
export const DEFAULT_MODEL_ID = 'Xenova/whisper-tiny.en';

export interface AsrOptions {
  asr?: Partial<AsrSettings>;
  model?: ModelSettings;
}

export type AsrBackend = Backend<never> & {
  /** Loads the model now (the server does it before listening, so a bad MODEL_ID fails fast). */
  loadModel(log: Logger): Promise<Recognizer>;
};

interface TranscribeJob {
  audio: Float32Array;
  options: TranscribeOptions;
}

/**
 * asr: transcribes each task's audio into a TextArea (and timed segments into `<Labels>` regions
 * when the config has them). Audio is fetched and decoded per task, so one unreadable file
 * leaves only its own task without a prediction. It does not train.
 */
export function createAsr(options: AsrOptions = {}): AsrBackend {
  const settings = { ...asrSettingsFromEnv(), ...options.asr };
  const modelSettings = options.model ?? modelSettingsFromEnv(DEFAULT_MODEL_ID);
  let loaded: Promise<Recognizer> | undefined;
  const loadModel = (log: Logger) => (loaded ??= loadRecognizer(modelSettings, log));
  let queue: InferenceQueue<TranscribeJob, Transcription> | undefined;
  // One file per model call: a recording is already many windows of work.
  const transcriber = (recognizer: Recognizer) =>
    (queue ??= new InferenceQueue({
      batchSize: 1,
      concurrency: modelSettings.concurrency,
      run: async ([job]) => (job ? [await recognizer.transcribe(job.audio, job.options)] : []),
    }));

  return {
    ...defineBackend<never>({
      name: 'asr',
      setup({ labelInterface }) {
        audioTarget(labelInterface);
      },
      async predict(tasks, ctx) {
        const target = audioTarget(ctx.labelInterface);
        const recognizer = await loadModel(ctx.log);
        const signal = ctx.signal;
        const transcribeOptions: TranscribeOptions = {
          segments: target.labels !== undefined,
          chunkLengthS: settings.chunkLengthS,
          strideLengthS: settings.strideLengthS,
          language: settings.language,
        };
        const ffmpeg = { path: settings.ffmpegPath, timeoutMs: settings.ffmpegTimeoutMs };
        return predictEachTask(
          tasks,
          { log: ctx.log, concurrency: settings.readConcurrency, signal },
          async (task) => {
            const bytes = await readTaskAudio(task, target.dataKey, ctx.readData, signal);
            const audio = await decodeAudio(bytes, ffmpeg);
            const transcription = await transcriber(recognizer).run(
              { audio, options: transcribeOptions },
              signal,
            );
            return transcriptionPrediction(target, transcription);
          },
        );
      },
    }),
    loadModel,
  };
}

export const asr = createAsr();
export default asr;
