import type { LanguageModel } from './generate-responses.js';

export interface StopTokens {
  /** Tokens that end a reply: end of text, and any token holding a line break. */
  stop: ReadonlySet<number>;
  /** What a finished row is fed until every row has finished (end of text when known). */
  end: number;
}

const cache = new WeakMap<object, StopTokens>();

/**
 * Finds the stop tokens of a model's vocabulary once per tokenizer. A reply is one line (the
 * dialogue is one turn per line), so a token with a line break ends it; decoding every id once
 * takes a fraction of a second even for GPT-2's 50k tokens.
 */
export function stopTokensOf({ model, tokenizer }: LanguageModel): StopTokens {
  const known = cache.get(tokenizer);
  if (known) return known;
  const config = model.config as unknown as {
    vocab_size?: number;
    eos_token_id?: number | number[];
  };
  const eos = [config.eos_token_id ?? []].flat();
  const vocabSize = config.vocab_size ?? 0;
  const stop = new Set<number>(eos);
  for (let id = 0; id < vocabSize; id += 1) {
    if (tokenizer.decode([id]).includes('\n')) stop.add(id);
  }
  const found: StopTokens = { stop, end: eos[0] ?? [...stop][0] ?? 0 };
  cache.set(tokenizer, found);
  return found;
}
