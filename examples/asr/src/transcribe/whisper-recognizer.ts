import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import {
  OnePerClassProcessorList,
  TokenProbabilityRecorder,
} from './token-probability-recorder.js';
import type { Recognizer, Segment, TranscribeOptions, Transcription } from './transcription.js';

const SAMPLE_RATE = 16_000;

interface WhisperOutput {
  text: string;
  chunks?: { timestamp: [number, number | null]; text: string }[];
}

/**
 * Whisper through the transformers.js pipeline, which already chunks long audio with stride and
 * merges the overlapping windows' tokens. Windows never exceed the model's own (30 s for real
 * Whisper): the feature extractor would cut longer ones. Segments come from Whisper's timestamp
 * tokens, when the model has them.
 */
export function whisperRecognizer(asr: AutomaticSpeechRecognitionPipeline): Recognizer {
  const extractor = asr.processor.feature_extractor as unknown as {
    config: { chunk_length?: number };
  };
  const modelWindowS = extractor.config.chunk_length ?? 30;
  const hasTimestamps = asr.tokenizer.get_vocab().has('<|0.00|>');
  const multilingual =
    (asr.model.generation_config as unknown as { is_multilingual?: boolean } | null)
      ?.is_multilingual === true;
  return {
    kind: 'whisper',
    async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
      const windowS = Math.min(
        options.chunkLengthS > 0 ? options.chunkLengthS : modelWindowS,
        modelWindowS,
      );
      const long = audio.length > windowS * SAMPLE_RATE;
      const recorder = new TokenProbabilityRecorder();
      const processors = new OnePerClassProcessorList();
      processors.push(recorder);
      const timestamps = options.segments && hasTimestamps;
      const output = (await asr(audio, {
        ...(long
          ? {
              chunk_length_s: windowS,
              stride_length_s: options.strideLengthS > 0 ? options.strideLengthS : windowS / 6,
            }
          : {}),
        ...(timestamps ? { return_timestamps: true } : {}),
        ...(multilingual ? { language: options.language ?? 'en', task: 'transcribe' } : {}),
        logits_processor: processors,
      })) as WhisperOutput;
      const segments: Segment[] | undefined = timestamps
        ? (output.chunks ?? [])
            .filter((c) => c.text.trim() !== '')
            .map((c) => ({
              start: c.timestamp[0],
              end: c.timestamp[1] ?? audio.length / SAMPLE_RATE,
              text: c.text.trim(),
            }))
        : undefined;
      return { text: output.text.trim(), segments, score: recorder.mean() };
    },
  };
}
