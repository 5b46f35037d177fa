import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/random-sparse.js';
import { AsciiTokenIndex } from './ascii-token-index.js';
import { createTokenizer } from './tokenize.js';

describe('AsciiTokenIndex', () => {
  const tokenize = createTokenizer();

  it('finds the same token ids as the tokenizer plus a lookup, on random ASCII text', () => {
    const random = seededRandom(42);
    const alphabet = 'abcAB _-.,\n\t0129Zz_!$';
    const text = () =>
      Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const tokens = [...new Set(Array.from({ length: 20 }, () => tokenize(text())).flat())].slice(
      0,
      300,
    );
    const index = new AsciiTokenIndex(tokens);
    const ids = new Map(tokens.map((token, id) => [token, id]));
    for (let round = 0; round < 200; round++) {
      const sample = text();
      const out = new Int32Array(sample.length);
      const count = index.scan(sample, out);
      expect(Array.from(out.subarray(0, count))).toEqual(
        tokenize(sample).map((t) => ids.get(t) ?? -1),
      );
    }
  });

  it('gives up on non-ASCII text and ignores non-ASCII tokens', () => {
    const index = new AsciiTokenIndex(['café', 'cafe', 'x']);
    expect(index.scan('un café', new Int32Array(16))).toBe(-1);
    const out = new Int32Array(16);
    expect(index.scan('CAFE, X y', out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([1, 2, -1]);
    expect(index.scan('', out)).toBe(0);
  });
});
