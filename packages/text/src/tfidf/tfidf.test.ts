import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random-sparse.js';
import type { CsrMatrix } from '../sparse/sparse-matrix.js';
import { TfidfVectorizer } from './tfidf.js';
import { createTokenizer } from '../tokenize/tokenize.js';

/** The TF-IDF rows by term, computed the plain way: n-gram strings and maps. */
function referenceTfidf(texts: string[], [low, high]: readonly [number, number], minDf: number) {
  const tokenize = createTokenizer();
  const grams = texts.map((text) => {
    const words = tokenize(text);
    const found: string[] = [];
    for (let n = low; n <= high; n++) {
      for (let i = 0; i + n <= words.length; i++) found.push(words.slice(i, i + n).join(' '));
    }
    return found;
  });
  const df = new Map<string, number>();
  for (const found of grams) for (const g of new Set(found)) df.set(g, (df.get(g) ?? 0) + 1);
  return grams.map((found) => {
    const tf = new Map<string, number>();
    for (const g of found) if (df.get(g)! >= minDf) tf.set(g, (tf.get(g) ?? 0) + 1);
    const idf = (g: string) => Math.log((1 + texts.length) / (1 + df.get(g)!)) + 1;
    const weights = [...tf].map(([g, count]) => [g, (1 + Math.log(count)) * idf(g)] as const);
    const norm = Math.hypot(...weights.map(([, w]) => w));
    return Object.fromEntries(weights.map(([g, w]) => [g, expect.closeTo(w / norm, 5)]));
  });
}

/** Row `row` of `matrix` as term → value, so tests do not depend on column order. */
function rowByTerm(vectorizer: TfidfVectorizer, matrix: CsrMatrix, row: number) {
  const values: Record<string, number> = {};
  for (let p = matrix.indptr[row]!; p < matrix.indptr[row + 1]!; p++) {
    values[vectorizer.term(matrix.indices[p]!)] = matrix.data[p]!;
  }
  return values;
}

describe('TfidfVectorizer', () => {
  const corpus = ['a b', 'a c c'];

  // The expected numbers are worked out by hand in the comments, and equal scikit-learn
  // 1.2.1's TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b|\w") output on the same corpus.
  it("weighs unigrams as scikit-learn's TfidfVectorizer (smooth idf, l2)", () => {
    const { vectorizer, matrix } = TfidfVectorizer.fitTransform(corpus, {
      ngramRange: [1, 1],
      minDf: 1,
      sublinearTf: false,
    });
    // n = 2 documents: idf(a) = ln(3/3) + 1 = 1, idf(b) = idf(c) = ln(3/2) + 1 = 1.4054651
    expect(Array.from(vectorizer.idf)).toEqual([1, 1.4054651, 1.4054651].map(Math.fround));
    // doc 0: (1, 1.4054651) / 1.7249146
    expect(rowByTerm(vectorizer, matrix, 0)).toEqual({
      a: expect.closeTo(0.5797386, 6),
      b: expect.closeTo(0.8148024, 6),
    });
    // doc 1: (1, 2 · 1.4054651) / 2.9835100
    expect(rowByTerm(vectorizer, matrix, 1)).toEqual({
      a: expect.closeTo(0.3351757, 6),
      c: expect.closeTo(0.9421556, 6),
    });
  });

  it('adds bigrams joined by a space and supports sublinear tf without norm', () => {
    const { vectorizer, matrix } = TfidfVectorizer.fitTransform(corpus, {
      ngramRange: [1, 2],
      minDf: 1,
      sublinearTf: true,
      norm: 'none',
    });
    expect(vectorizer.size).toBe(6);
    const idf = Math.log(3 / 2) + 1;
    expect(rowByTerm(vectorizer, matrix, 1)).toEqual({
      a: expect.closeTo(1, 6),
      c: expect.closeTo((1 + Math.log(2)) * idf, 5), // scikit-learn: 2.37965929
      'a c': expect.closeTo(idf, 5),
      'c c': expect.closeTo(idf, 5),
    });
  });

  it('ignores unknown words and the n-grams that contain them', () => {
    const { vectorizer } = TfidfVectorizer.fitTransform(['x y z', 'y z'], {
      ngramRange: [1, 2],
      minDf: 1,
    });
    const matrix = vectorizer.transform(['x q y z', 'nothing known']);
    expect(Object.keys(rowByTerm(vectorizer, matrix, 0)).sort()).toEqual(['x', 'y', 'y z', 'z']);
    expect(matrix.indptr[2]).toBe(matrix.indptr[1]);
  });

  it('drops n-grams under minDf', () => {
    const { vectorizer, matrix } = TfidfVectorizer.fitTransform(['a b', 'a c', 'a b'], {
      ngramRange: [1, 2],
      minDf: 2,
    });
    expect([...Array(vectorizer.size).keys()].map((c) => vectorizer.term(c)).sort()).toEqual([
      'a',
      'a b',
      'b',
    ]);
    expect(Object.keys(rowByTerm(vectorizer, matrix, 1))).toEqual(['a']);
    expect(vectorizer.columnOf('a c')).toBe(-1);
  });

  it('keeps exactly the n-grams in minDf or more texts, however rare their words', () => {
    const random = seededRandom(21);
    // A few common words and many rare ones, so that n-grams of common words are kept and
    // every n-gram with a rare word is dropped.
    const word = () =>
      random() < 0.7 ? 'abcde'[Math.floor(random() * 5)]! : `r${Math.floor(random() * 200)}`;
    const texts = Array.from({ length: 60 }, () =>
      Array.from({ length: 3 + Math.floor(random() * 12) }, word).join(' '),
    );
    for (const minDf of [2, 3]) {
      const ngramRange = [1, 3] as const;
      const { vectorizer, matrix } = TfidfVectorizer.fitTransform(texts, { ngramRange, minDf });
      const expected = referenceTfidf(texts, ngramRange, minDf);
      texts.forEach((_, row) => {
        expect(rowByTerm(vectorizer, matrix, row)).toEqual(expected[row]);
      });
    }
  });

  it('rebuilds from its state with identical output', () => {
    const { vectorizer } = TfidfVectorizer.fitTransform(['one two three', 'two three four'], {
      ngramRange: [1, 3],
      minDf: 1,
    });
    const copy = TfidfVectorizer.fromState(vectorizer.toState());
    const texts = ['two three four five', 'one two'];
    expect(copy.transform(texts)).toEqual(vectorizer.transform(texts));
    expect(copy.columnOf('two three four')).toBe(vectorizer.columnOf('two three four'));
  });

  it('finds the same n-grams in ASCII and non-ASCII texts (two tokenizing paths)', () => {
    const texts = ['Café au LAIT, au lait', 'au lait_2 x', 'naïve café'];
    const { vectorizer, matrix } = TfidfVectorizer.fitTransform(texts, {
      ngramRange: [1, 2],
      minDf: 1,
    });
    const terms = [...Array(vectorizer.size).keys()].map((c) => vectorizer.term(c)).sort();
    expect(terms).toEqual(
      [
        'au',
        'au lait',
        'au lait_2',
        'café',
        'café au',
        'lait',
        'lait au',
        'lait_2',
        'lait_2 x',
        'naïve',
        'naïve café',
        'x',
      ].sort(),
    );
    expect(Object.keys(rowByTerm(vectorizer, matrix, 1)).sort()).toEqual([
      'au',
      'au lait_2',
      'lait_2',
      'lait_2 x',
      'x',
    ]);
    // Transform takes the same paths: an ASCII text and a non-ASCII one.
    const again = vectorizer.transform(['AU LAIT', 'au lait é']);
    expect(Object.keys(rowByTerm(vectorizer, again, 0)).sort()).toEqual(['au', 'au lait', 'lait']);
    expect(Object.keys(rowByTerm(vectorizer, again, 1)).sort()).toEqual(['au', 'au lait', 'lait']);
  });
});
