import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import type { Recognizer, Transcription } from './transcription.js';

/** Any other speech model the pipeline supports (Moonshine, …): text only, no score. */
export function genericRecognizer(asr: AutomaticSpeechRecognitionPipeline): Recognizer {
  return {
    kind: 'generic',
    async transcribe(audio: Float32Array): Promise<Transcription> {
      const output = (await asr(audio)) as { text: string };
      return { text: output.text.trim(), segments: undefined, score: undefined };
    },
  };
}
