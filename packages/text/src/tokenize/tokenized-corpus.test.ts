import { describe, expect, it } from 'vitest';
import { TokenIndex } from './token-index.js';
import { tokenizeCorpus } from './tokenized-corpus.js';
import { createTokenizer } from './tokenize.js';

describe('tokenizeCorpus', () => {
  it('gives a word one id whichever path tokenized it, and counts texts per word', () => {
    const texts = [
      'Word salad word', // scanned
      'ΣΑΣ word 𝐀𝐁', // Σ sends this text to the tokenizer; 𝐀𝐁 cannot be indexed
      '𝐀𝐁 again ΣΑΣ', // tokenizer again
      'again',
    ];
    const tokenize = createTokenizer();
    const corpus = tokenizeCorpus(texts, tokenize, new TokenIndex());
    const words = (t: number) =>
      Array.from(
        corpus.ids.subarray(corpus.starts[t], corpus.starts[t + 1]),
        (id) => corpus.tokens[id],
      );
    texts.forEach((text, t) => {
      expect(words(t)).toEqual(tokenize(text));
    });
    expect(new Set(corpus.tokens).size).toBe(corpus.tokens.length);
    const df = Object.fromEntries(corpus.tokens.map((w, id) => [w, corpus.documentFrequency[id]]));
    expect(df).toEqual({ word: 2, salad: 1, σας: 2, '𝐀𝐁': 2, again: 2 });
  });

  it('tokenizes every text with the tokenizer when there is no scanner (stemming)', () => {
    const stem = createTokenizer({ stem: true });
    const corpus = tokenizeCorpus(['running runs', 'ran running'], stem, undefined);
    expect(corpus.tokens).toEqual(['run', 'ran']);
    expect(Array.from(corpus.ids)).toEqual([0, 0, 1, 0]);
    expect(Array.from(corpus.documentFrequency)).toEqual([2, 1]);
  });
});
