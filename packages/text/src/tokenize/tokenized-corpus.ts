import { TokenIndex } from './token-index.js';
import type { Tokenize } from './tokenize.js';

/** Every text of a training set as token ids, with the words and how many texts hold each. */
export interface TokenizedCorpus {
  /** Every word seen; a word's position is its token id. */
  tokens: string[];
  /** The token ids of all texts, back to back: text `t` is `ids[starts[t] .. starts[t+1])`. */
  ids: Int32Array;
  starts: Int32Array;
  /** Per token id, the number of texts it occurs in. */
  documentFrequency: Int32Array;
}

/**
 * Splits every text into token ids in one pass, before any n-gram is counted: the word
 * lookup and the n-gram table then each have the cache to themselves, and the document
 * frequency of words is known before n-grams are (an n-gram is in at most as many texts as
 * its rarest word).
 *
 * `scanner` (the string-free path, see TokenIndex) is used where it can be; `tokenize` where
 * it cannot, or for every text when no scanner is given (stemming).
 */
export function tokenizeCorpus(
  texts: readonly string[],
  tokenize: Tokenize,
  scanner: TokenIndex | undefined,
): TokenizedCorpus {
  const tokens: string[] = [];
  // The scanner is the word index; words it cannot hold (letters outside the BMP) go here.
  const others = new Map<string, number>();
  const newToken = (word: string): number => {
    const id = tokens.length;
    tokens.push(word);
    return id;
  };
  const idOf = (word: string): number => {
    const known = scanner ? scanner.lookup(word) : -1;
    if (known >= 0) return known;
    let id = others.get(word);
    if (id === undefined) {
      id = newToken(word);
      if (!scanner?.add(word, id)) others.set(word, id);
    }
    return id;
  };

  let ids: Int32Array = new Int32Array(1 << 16);
  const starts = new Int32Array(texts.length + 1);
  let size = 0;
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t] as string;
    // A text has at most one token per character.
    if (size + text.length > ids.length) ids = grown(ids, size + text.length);
    const view = ids.subarray(size);
    // The scan indexes the words it reports as new.
    let count = scanner ? scanner.scan(text, view, newToken) : -1;
    if (count < 0) {
      const words = tokenize(text);
      for (let k = 0; k < words.length; k++) view[k] = idOf(words[k] as string);
      count = words.length;
    }
    size += count;
    starts[t + 1] = size;
  }

  const documentFrequency = new Int32Array(tokens.length);
  const lastText = new Int32Array(tokens.length).fill(-1);
  for (let t = 0; t < texts.length; t++) {
    for (let p = starts[t] as number; p < (starts[t + 1] as number); p++) {
      const id = ids[p] as number;
      if (lastText[id] === t) continue;
      lastText[id] = t;
      documentFrequency[id] = (documentFrequency[id] as number) + 1;
    }
  }
  return { tokens, ids: ids.subarray(0, size), starts, documentFrequency };
}

function grown(values: Int32Array, needed: number): Int32Array {
  let length = values.length * 2;
  while (length < needed) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(values);
  return bigger;
}
