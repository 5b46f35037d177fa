import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random-sparse.js';
import { TokenIndex } from './token-index.js';
import { createTokenizer } from './tokenize.js';

describe('TokenIndex', () => {
  const tokenize = createTokenizer();

  /** Random texts over `alphabet`, with the tokenizer's tokens indexed (some left out). */
  function setup(alphabet: readonly string[], seed: number) {
    const random = seededRandom(seed);
    const text = () =>
      Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const tokens = [...new Set(Array.from({ length: 20 }, () => tokenize(text())).flat())].slice(
      0,
      300,
    );
    const ids = new Map(tokens.map((token, id) => [token, id]));
    return { text, index: new TokenIndex(tokens), ids };
  }

  it('finds the same token ids as the tokenizer plus a lookup, on random ASCII text', () => {
    const { text, index, ids } = setup(Array.from('abcAB _-.,\n\t0129Zz_!$'), 42);
    for (let round = 0; round < 200; round++) {
      const sample = text();
      const out = new Int32Array(sample.length);
      const count = index.scan(sample, out);
      expect(Array.from(out.subarray(0, count))).toEqual(
        tokenize(sample).map((t) => ids.get(t) ?? -1),
      );
    }
  });

  it('does the same on text in other scripts, digits and marks included', () => {
    // é, É, ß, Cyrillic, Greek small letters, Devanagari with a vowel sign (a mark, so a
    // separator), superscript two (a number), ideographs, a non-breaking space, emoji.
    const alphabet = [...Array.from('aéÉßДдЖжλμ कि²中文\u00a0 -.'), '😀', 'x'];
    const { text, index, ids } = setup(alphabet, 7);
    for (let round = 0; round < 200; round++) {
      const sample = text();
      const out = new Int32Array(sample.length);
      const count = index.scan(sample, out);
      expect(count).toBeGreaterThanOrEqual(0);
      expect(Array.from(out.subarray(0, count))).toEqual(
        tokenize(sample).map((t) => ids.get(t) ?? -1),
      );
    }
  });

  it('gives up where lower case needs context or more than one code unit', () => {
    const index = new TokenIndex(['σας', 'i̇', 'x']);
    const out = new Int32Array(16);
    expect(index.scan('ΣΑΣ x', out)).toBe(-1); // Σ is σ or, at a word's end, ς
    expect(index.scan('İ x', out)).toBe(-1); // İ becomes i + U+0307
    expect(index.scan('x 𝐀', out)).toBe(-1); // a letter outside the BMP
    expect(index.scan('X σας', out)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([2, 0]);
  });

  it('names new tokens through the callback and knows them afterwards', () => {
    const index = new TokenIndex();
    const seen: string[] = [];
    const out = new Int32Array(32);
    const count = index.scan('Café CAFÉ über', out, (token) => seen.push(token) - 1);
    expect(seen).toEqual(['café', 'über']);
    expect(Array.from(out.subarray(0, count))).toEqual([0, 0, 1]);
    expect(index.scan('ÜBER', out)).toBe(1);
    expect(out[0]).toBe(1);
    expect(index.scan('', out)).toBe(0);
  });

  it('looks words up by string, and says which words it can hold', () => {
    const index = new TokenIndex();
    expect(index.add('über', 4)).toBe(true);
    expect(index.add('Upper', 5)).toBe(false); // not lower case: the scan never yields it
    expect(index.add('𝐀𝐁', 6)).toBe(false); // letters outside the BMP
    expect(index.add('', 7)).toBe(false);
    expect(index.lookup('über')).toBe(4);
    expect(index.lookup('uber')).toBe(-1);
    expect(index.lookup('Upper')).toBe(-1);
  });

  it('keeps every token through growth', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}é`);
    const index = new TokenIndex(words);
    const out = new Int32Array(words.length * 2);
    expect(index.scan(words.join(' ').toUpperCase(), out)).toBe(words.length);
    expect(Array.from(out.subarray(0, words.length))).toEqual(words.map((_, id) => id));
  });
});
