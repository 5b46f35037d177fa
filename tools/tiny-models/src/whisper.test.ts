import {
  pipeline,
  type AutomaticSpeechRecognitionPipeline,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_RATE } from './kinds/wav2vec2-ctc.js';
import { WHISPER_CHUNK_SECONDS } from './kinds/whisper-shape.js';
import {
  generateInTemp,
  SESSION_OPTIONS,
  useOfflineTransformers,
} from './test-support/offline-transformers.js';
import { toneAlphabetAudio } from './tone-alphabet-audio.js';

type Transcription = {
  text: string;
  chunks?: { timestamp: [number, number | null]; text: string }[];
};

describe('tiny whisper', () => {
  let asr: AutomaticSpeechRecognitionPipeline;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    useOfflineTransformers();
    const generated = await generateInTemp('whisper');
    cleanup = generated.cleanup;
    asr = await pipeline('automatic-speech-recognition', generated.dir, {
      session_options: SESSION_OPTIONS,
    });
  });
  afterAll(() => cleanup());

  const transcribe = async (audio: Float32Array, options: Record<string, unknown> = {}) =>
    (await asr(audio, { language: 'en', ...options })) as Transcription;

  it('transcribes to non-empty text, deterministically, stopping at max_new_tokens', async () => {
    const audio = toneAlphabetAudio('HELLO');
    const first = await transcribe(audio, { max_new_tokens: 8 });
    expect(first.text).toMatch(/^[\x20-\x7e]+$/);
    expect(first.text.length).toBeGreaterThan(0);
    expect(await transcribe(audio, { max_new_tokens: 8 })).toEqual(first);
    // The text depends on the audio.
    expect((await transcribe(new Float32Array(SAMPLE_RATE), { max_new_tokens: 8 })).text).not.toBe(
      first.text,
    );
  });

  it('prompts with <|startoftranscript|> <|lang|> <|task|> <|notimestamps|>', async () => {
    const { input_features } = (await asr.processor(new Float32Array(SAMPLE_RATE))) as {
      input_features: Tensor;
    };
    const generate = async (language: string, task: string) => {
      const output = (await asr.model.generate({
        inputs: input_features,
        language,
        task,
        max_new_tokens: 2,
      })) as Tensor;
      return asr.tokenizer.decode((output.tolist() as bigint[][])[0]!.slice(0, 4).map(Number));
    };
    expect(await generate('en', 'transcribe')).toBe(
      '<|startoftranscript|><|en|><|transcribe|><|notimestamps|>',
    );
    expect(await generate('german', 'translate')).toBe(
      '<|startoftranscript|><|de|><|translate|><|notimestamps|>',
    );
  });

  it('gives segment timestamps on its fixed rhythm with return_timestamps: true', async () => {
    const result = await transcribe(toneAlphabetAudio('HELLO'), { return_timestamps: true });
    expect(result.chunks?.map((c) => c.timestamp)).toEqual([
      [0.16, 0.64],
      [0.72, 1.12],
      [1.2, 1.6],
    ]);
    for (const chunk of result.chunks ?? []) expect(chunk.text.length).toBeGreaterThan(0);
    expect(result.text).toBe(result.chunks?.map((c) => c.text).join(''));
  });

  it('chunks long audio with chunk_length_s and stride_length_s', async () => {
    const seconds = 6;
    const audio = Float32Array.from(
      { length: SAMPLE_RATE * seconds },
      (_, i) => 0.3 * Math.sin(i * 0.05 + 20 * Math.sin(i * 0.001)),
    );
    const chunked = await transcribe(audio, {
      chunk_length_s: WHISPER_CHUNK_SECONDS,
      stride_length_s: 0.25,
      max_new_tokens: 6,
    });
    expect(typeof chunked.text).toBe('string');
    // Several windows' worth of text: more than one window can produce.
    expect(chunked.text.length).toBeGreaterThan(6);

    const timed = await transcribe(audio, {
      chunk_length_s: WHISPER_CHUNK_SECONDS,
      stride_length_s: 0.25,
      return_timestamps: true,
    });
    const starts = (timed.chunks ?? []).map((c) => c.timestamp[0]);
    expect(starts.length).toBeGreaterThan(3);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.at(-1)).toBeGreaterThan(WHISPER_CHUNK_SECONDS * 2);
    expect(starts.at(-1)).toBeLessThan(seconds);
  });
});
