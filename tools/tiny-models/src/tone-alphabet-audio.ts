import { CTC_FRAME, SAMPLE_RATE, toneHz, WAV2VEC2_VOCAB } from './kinds/wav2vec2-ctc.js';

export interface ToneAudioOptions {
  /** Frames (20 ms each) of tone per character. */
  framesPerChar?: number;
  /** Frames of silence after each character, so CTC sees repeated letters as two. */
  gapFrames?: number;
}

/**
 * 16 kHz mono audio that the tiny `wav2vec2-ctc` model transcribes as `text`: each character
 * becomes a tone (space is the word delimiter `|`), followed by silence. Characters outside
 * the vocabulary (A–Z, apostrophe, space; case-insensitive) throw.
 *
 * @example
 * const audio = toneAlphabetAudio('HELLO WORLD'); // Float32Array, 16 kHz
 */
export function toneAlphabetAudio(
  text: string,
  { framesPerChar = 3, gapFrames = 1 }: ToneAudioOptions = {},
): Float32Array {
  const chars = Array.from(text.toUpperCase());
  const perChar = (framesPerChar + gapFrames) * CTC_FRAME;
  const audio = new Float32Array(chars.length * perChar + gapFrames * CTC_FRAME);
  chars.forEach((char, i) => {
    const id = WAV2VEC2_VOCAB.indexOf(char === ' ' ? '|' : char);
    if (id < 4) throw new Error(`the tone alphabet has no "${char}"`);
    const hz = toneHz(id);
    for (let n = 0; n < framesPerChar * CTC_FRAME; n += 1) {
      audio[i * perChar + n] = 0.5 * Math.sin((2 * Math.PI * hz * n) / SAMPLE_RATE);
    }
  });
  return audio;
}
