import { byteLevelBpe, ENGLISH_MERGES, type AddedToken } from '../byte-level-bpe.js';
import {
  WHISPER_CHUNK_SECONDS,
  WHISPER_ENCODER_POSITIONS,
  WHISPER_LANGUAGES,
} from './whisper-shape.js';

export interface WhisperVocabulary {
  tokenizerJson: Record<string, unknown>;
  /** Byte and merge tokens (the text part), by string. */
  textVocab: ReadonlyMap<string, number>;
  size: number;
  /** Id of an added token, e.g. `<|en|>`. */
  id: (token: string) => number;
  /** Id of `<|0.00|>`; the timestamp for `t` seconds is `firstTimestamp + t / 0.02`. */
  firstTimestamp: number;
  timestampCount: number;
}

/**
 * Whisper's vocabulary layout, which the pipeline relies on: text tokens first, then the
 * special tokens ending with `<|notimestamps|>`, then the (non-special) timestamp tokens
 * `<|0.00|>` … `<|2.00|>`; the pipeline reads any id above `<|notimestamps|>` as a timestamp.
 */
export function whisperVocabulary(): WhisperVocabulary {
  const textVocab = byteLevelBpe(ENGLISH_MERGES, []).vocab;
  const specials = [
    '<|endoftext|>',
    '<|startoftranscript|>',
    ...WHISPER_LANGUAGES.map((code) => `<|${code}|>`),
    '<|translate|>',
    '<|transcribe|>',
    '<|startoflm|>',
    '<|startofprev|>',
    '<|nocaptions|>',
    '<|notimestamps|>',
  ];
  const timestampCount = WHISPER_ENCODER_POSITIONS + 1;
  const timestamps = Array.from(
    { length: timestampCount },
    (_, i) => `<|${((i * WHISPER_CHUNK_SECONDS) / WHISPER_ENCODER_POSITIONS).toFixed(2)}|>`,
  );
  const firstSpecial = textVocab.size;
  const firstTimestamp = firstSpecial + specials.length;
  const added: AddedToken[] = [
    ...specials.map((content, i) => ({ content, id: firstSpecial + i })),
    ...timestamps.map((content, i) => ({ content, id: firstTimestamp + i, special: false })),
  ];
  const ids = new Map(added.map((t) => [t.content, t.id]));
  return {
    tokenizerJson: byteLevelBpe(ENGLISH_MERGES, added).tokenizerJson,
    textVocab,
    size: firstTimestamp + timestampCount,
    id: (token) => {
      const id = ids.get(token);
      if (id === undefined) throw new Error(`no token ${token} in the tiny Whisper vocabulary`);
      return id;
    },
    firstTimestamp,
    timestampCount,
  };
}
