/**
 * GPT-2's reversible byte → printable character map (`bytes_to_unicode`): bytes that are already
 * printable map to themselves, the others (space, control bytes…) to code points from 256 up,
 * so a space becomes `Ġ` and a newline `Ċ`. Entries are in GPT-2's vocabulary order.
 */
export function byteLevelSymbols(): { byte: number; char: string }[] {
  const range = (from: string, to: string) =>
    Array.from(
      { length: to.charCodeAt(0) - from.charCodeAt(0) + 1 },
      (_, i) => from.charCodeAt(0) + i,
    );
  const kept = [...range('!', '~'), ...range('¡', '¬'), ...range('®', 'ÿ')];
  const symbols = kept.map((byte) => ({ byte, char: String.fromCharCode(byte) }));
  const keptSet = new Set(kept);
  let shifted = 0;
  for (let byte = 0; byte < 256; byte += 1) {
    if (keptSet.has(byte)) continue;
    symbols.push({ byte, char: String.fromCharCode(256 + shifted) });
    shifted += 1;
  }
  return symbols;
}

/** A few English merges, so the tokenizers are really BPE and not just bytes. */
export const ENGLISH_MERGES = ['Ġ t', 'h e', 'Ġt he', 'i n', 'e r', 'Ġ a', 'o n', 'r e'];

export interface AddedToken {
  content: string;
  id: number;
  /** Special tokens are skipped by `skip_special_tokens`; default true. */
  special?: boolean;
}

export interface ByteLevelBpe {
  /** `tokenizer.json` contents. */
  tokenizerJson: Record<string, unknown>;
  /** Token string → id for the BPE part (bytes, then merges). */
  vocab: Map<string, number>;
}

/**
 * A byte-level BPE `tokenizer.json` small enough to build by hand: the 256 byte symbols, the
 * given merges (each adds one token), then the added tokens with the ids given. transformers.js
 * requires every top-level key (`normalizer` … `decoder`) to be present, even when null.
 */
export function byteLevelBpe(
  merges: readonly string[],
  added: readonly AddedToken[],
): ByteLevelBpe {
  const vocab = new Map<string, number>();
  for (const { char } of byteLevelSymbols()) vocab.set(char, vocab.size);
  for (const merge of merges) vocab.set(merge.replace(' ', ''), vocab.size);
  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    vocab,
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: added.map(({ content, id, special = true }) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special,
      })),
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
      post_processor: { type: 'ByteLevel', ...byteLevel, trim_offsets: false },
      decoder: { type: 'ByteLevel', ...byteLevel },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: '',
        end_of_word_suffix: '',
        fuse_unk: false,
        byte_fallback: false,
        vocab: Object.fromEntries([...vocab, ...added.map((t) => [t.content, t.id] as const)]),
        merges,
      },
    },
  };
}

/**
 * Output-layer biases that make a random model write something text-like: lowercase letters
 * and merged tokens are favoured, a space a little less, other printable ASCII is neutral, and
 * everything else (control and non-ASCII bytes, added tokens) is pushed far down, so decoded
 * text is printable ASCII. Callers adjust the added tokens afterwards.
 */
export function textLikeLogitBias(vocab: ReadonlyMap<string, number>, size: number): Float32Array {
  const bias = new Float32Array(size).fill(-12);
  const byteChars = new Set<string>();
  for (const { byte, char } of byteLevelSymbols()) {
    byteChars.add(char);
    if (byte < 32 || byte > 126) continue;
    const text = String.fromCharCode(byte);
    bias[vocab.get(char) ?? 0] = /[a-z]/.test(text) ? 3 : text === ' ' ? 2 : 0;
  }
  for (const [token, id] of vocab) if (!byteChars.has(token)) bias[id] = 3; // merges
  return bias;
}
