import { defineBackend, LsmlError, predictEachTask } from '@lsml/core';
import { modelSettingsFromEnv } from '@lsml/transformers';
import { asrSettingsFromEnv, type AsrSettings } from './asr-settings.js';
import { decodeAudio, MODEL_SAMPLE_RATE } from './audio/decode-audio.js';
import { readTaskAudio } from './read-task-audio.js';
import { loadTranscriber, type Transcriber } from './transcribe/load-recognizer.js';
import { transcriptionPrediction, transcriptionTarget } from './transcription-results.js';

/** The default model: Whisper tiny (English), small enough for a CPU. `MODEL_ID` overrides it. */
export const DEFAULT_MODEL_ID = 'Xenova/whisper-tiny.en';

/**
 * asr: transcribes each task's audio into a TextArea (and timed segments into `<Labels>` regions
 * when the config has them). Audio is fetched and decoded per task, so one unreadable file
 * leaves only its own task without a prediction. It does not train. Settings come from `env`
 * (see the README).
 */
export function createAsr({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}) {
  let ready: { settings: AsrSettings; transcribe: Transcriber } | undefined;

  return defineBackend<never>({
    name: 'asr',
    async init({ log }) {
      const settings = asrSettingsFromEnv(env);
      const model = modelSettingsFromEnv(DEFAULT_MODEL_ID, env);
      ready = { settings, transcribe: await loadTranscriber(model, log) };
    },
    setup({ labelInterface }) {
      transcriptionTarget(labelInterface);
    },
    predict(tasks, ctx) {
      if (!ready) throw new LsmlError('INTERNAL', 'asr predicted before its init ran');
      const { settings, transcribe } = ready;
      const target = transcriptionTarget(ctx.labelInterface);
      const options = {
        segments: target.segments !== undefined,
        chunkLengthS: settings.chunkLengthS,
        strideLengthS: settings.strideLengthS,
        language: settings.language,
      };
      const ffmpeg = { path: settings.ffmpegPath, timeoutMs: settings.ffmpegTimeoutMs };
      const { signal } = ctx;
      const each = { log: ctx.log, concurrency: settings.readConcurrency, signal };
      return predictEachTask(tasks, each, async (task) => {
        const bytes = await readTaskAudio(task, target.text, ctx.readData, signal);
        const audio = await decodeAudio(bytes, ffmpeg);
        const transcription = await transcribe(audio, options, signal);
        return transcriptionPrediction(target, transcription, audio.length / MODEL_SAMPLE_RATE);
      });
    },
  });
}

export const asr = createAsr();
export default asr;
