import type { Segment } from './transcription.js';

/** One kept CTC output frame: the best token, its probability and when it starts. */
export interface CtcFrame {
  id: number;
  probability: number;
  /** Seconds from the start of the audio. */
  time: number;
}

export interface CtcVocabulary {
  /** Token text by id. */
  tokens: ReadonlyMap<number, string>;
  /** The CTC blank (`<pad>`). */
  blank: number;
  /** The word separator token text (`|`). */
  wordDelimiter: string;
  /** Token texts that are never letters (`<s>`, `</s>`, `<unk>`). */
  special: ReadonlySet<string>;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** A silence this long (seconds) ends a word even without a word delimiter. */
const WORD_PAUSE_S = 0.3;
/** A pause this long (seconds) between words starts a new segment. */
const SEGMENT_PAUSE_S = 0.5;

/**
 * CTC decoding done here rather than by the tokenizer: transformers.js drops the blank before
 * merging repeats, which turns "HELLO" into "HELO". Merge runs of the same frame token first,
 * then drop blanks, so a blank between two L's keeps both; frames also give word timings.
 */
export function decodeCtcFrames(
  frames: readonly CtcFrame[],
  vocabulary: CtcVocabulary,
  frameSeconds: number,
): { text: string; segments: Segment[]; score: number | undefined } {
  const words: Word[] = [];
  let current: Word | undefined;
  let spokenProbability = 0;
  let spokenFrames = 0;
  for (let i = 0; i < frames.length; i += 1) {
    const frame = frames[i] as CtcFrame;
    if (frame.id !== vocabulary.blank) {
      spokenProbability += frame.probability;
      spokenFrames += 1;
    }
    if (frame.id === vocabulary.blank || frames[i - 1]?.id === frame.id) {
      if (current && frame.id !== vocabulary.blank) current.end = frame.time + frameSeconds;
      continue;
    }
    const token = vocabulary.tokens.get(frame.id) ?? '';
    if (vocabulary.special.has(token)) continue;
    if (token === vocabulary.wordDelimiter) {
      current = undefined;
      continue;
    }
    if (current && frame.time - current.end >= WORD_PAUSE_S) current = undefined;
    if (!current) {
      current = { text: '', start: frame.time, end: frame.time };
      words.push(current);
    }
    current.text += token;
    current.end = frame.time + frameSeconds;
  }
  const segments: Segment[] = [];
  for (const word of words) {
    const last = segments.at(-1);
    if (last && word.start - last.end < SEGMENT_PAUSE_S) {
      last.text += ` ${word.text}`;
      last.end = word.end;
    } else segments.push({ ...word });
  }
  const allProbability = frames.reduce((s, f) => s + f.probability, 0);
  const score =
    spokenFrames > 0
      ? spokenProbability / spokenFrames
      : frames.length > 0
        ? allProbability / frames.length
        : undefined;
  return { text: words.map((w) => w.text).join(' '), segments, score };
}
