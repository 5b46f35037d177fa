import type { AutomaticSpeechRecognitionPipeline, Tensor } from '@huggingface/transformers';
import { LsmlError } from '@lsml/core';
import { decodeCtcFrames, type CtcFrame, type CtcVocabulary } from './ctc-frames.js';
import type { Recognizer, TranscribeOptions, Transcription } from './transcription.js';

const SAMPLE_RATE = 16_000;
/** CTC models have no window of their own; 20-s windows keep memory flat for any length. */
const DEFAULT_CHUNK_S = 20;

function vocabularyOf(asr: AutomaticSpeechRecognitionPipeline): CtcVocabulary {
  const vocab = asr.tokenizer.get_vocab();
  const tokens = new Map<number, string>();
  for (const [text, id] of vocab) tokens.set(id, text);
  const config = asr.model.config as unknown as { pad_token_id?: number };
  return {
    tokens,
    blank: config.pad_token_id ?? vocab.get('<pad>') ?? 0,
    wordDelimiter: '|',
    special: new Set(['<s>', '</s>', '<unk>', '<pad>']),
  };
}

/** The best token and its softmax probability for each frame of `logits` [1, frames, vocab]. */
function bestPerFrame(logits: Tensor): { id: number; probability: number }[] {
  const [, frames = 0, vocab = 0] = logits.dims;
  const data = logits.data as Float32Array;
  return Array.from({ length: frames }, (_, f) => {
    const row = data.subarray(f * vocab, (f + 1) * vocab);
    let id = 0;
    for (let v = 1; v < vocab; v += 1) if ((row[v] ?? -Infinity) > (row[id] ?? -Infinity)) id = v;
    const top = row[id] ?? 0;
    let sum = 0;
    for (const x of row) sum += Math.exp(x - top);
    return { id, probability: 1 / sum };
  });
}

/**
 * wav2vec2-style CTC recognition over strided windows, the way Hugging Face chunks CTC models:
 * each window overlaps its neighbours by `stride` seconds on each side, and only the frames of
 * its middle part are kept, so words cut at a window edge are heard whole in the next one.
 * Memory stays at one window whatever the audio length.
 */
export function ctcRecognizer(asr: AutomaticSpeechRecognitionPipeline): Recognizer {
  const vocabulary = vocabularyOf(asr);
  return {
    kind: 'ctc',
    async transcribe(audio: Float32Array, options: TranscribeOptions): Promise<Transcription> {
      const windowS = options.chunkLengthS > 0 ? options.chunkLengthS : DEFAULT_CHUNK_S;
      const strideS = options.strideLengthS > 0 ? options.strideLengthS : windowS / 6;
      if (2 * strideS >= windowS) {
        throw new LsmlError(
          'UNSUPPORTED_CONFIG',
          `STRIDE_LENGTH_S (${strideS}) must be less than half of CHUNK_LENGTH_S (${windowS})`,
        );
      }
      const window = Math.round(windowS * SAMPLE_RATE);
      const stride = Math.round(strideS * SAMPLE_RATE);
      const frames: CtcFrame[] = [];
      let frameSeconds = 0.02;
      for (let start = 0; ; start += window - 2 * stride) {
        const chunk = audio.subarray(start, start + window);
        const isLast = start + window >= audio.length;
        const inputs = (await asr.processor(chunk)) as Record<string, Tensor>;
        const { logits } = (await asr.model(inputs)) as { logits: Tensor };
        const best = bestPerFrame(logits);
        const samplesPerFrame = chunk.length / Math.max(1, best.length);
        frameSeconds = samplesPerFrame / SAMPLE_RATE;
        const keepFrom = start === 0 ? 0 : Math.round(stride / samplesPerFrame);
        const keepTo = isLast ? best.length : Math.round((chunk.length - stride) / samplesPerFrame);
        for (let f = keepFrom; f < keepTo; f += 1) {
          const frame = best[f];
          if (frame) frames.push({ ...frame, time: (start + f * samplesPerFrame) / SAMPLE_RATE });
        }
        if (isLast) break;
      }
      const decoded = decodeCtcFrames(frames, vocabulary, frameSeconds);
      return {
        text: decoded.text,
        segments: options.segments ? decoded.segments : undefined,
        score: decoded.score,
      };
    },
  };
}
