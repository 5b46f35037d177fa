import { TokenIndex } from '../tokenize/token-index.js';
import { tokenizeCorpus } from '../tokenize/tokenized-corpus.js';
import { NgramTable } from './ngram-table.js';
import type { CsrMatrix } from '../sparse/sparse-matrix.js';
import { TermCounter } from './term-counter.js';
import { createTokenizer, type Tokenize } from '../tokenize/tokenize.js';

/** Inclusive range of n-gram lengths, as scikit-learn's `ngram_range`. */
export type NgramRange = readonly [min: number, max: number];

/** How texts become feature vectors. */
export interface TfidfOptions {
  /** Word n-gram lengths, inclusive. @defaultValue [1, 2] */
  ngramRange: NgramRange;
  /** Replace a term count `tf` by `1 + ln(tf)`. @defaultValue true */
  sublinearTf: boolean;
  /** Scale every document vector to unit Euclidean length. @defaultValue 'l2' */
  norm: 'l2' | 'none';
  /** Drop n-grams found in fewer training documents than this. @defaultValue 2 */
  minDf: number;
  /** Porter-stem (English) the words before forming n-grams. @defaultValue false */
  stem: boolean;
}

export const DEFAULT_TFIDF_OPTIONS: TfidfOptions = {
  ngramRange: [1, 2],
  // Measured on SpamAssassin (pnpm bench:text): 1-2-grams seen in 2+ texts, with sublinear
  // tf, beat scikit-learn's 1-3-grams, raw tf, min_df 1 on accuracy with far fewer features.
  sublinearTf: true,
  norm: 'l2',
  minDf: 2,
  stem: false,
};

/** What a fitted vectorizer is made of: enough to rebuild it exactly. */
export interface TfidfState {
  options: TfidfOptions;
  /** Every word seen in training; a word's position is its token id. */
  tokens: string[];
  /** Column `c`'s n-gram as token ids: `ngrams[c * ngramRange[1] ..]`, padded with -1. */
  ngrams: Int32Array;
  /** Inverse document frequency per column. */
  idf: Float32Array;
}

/**
 * TF-IDF over word n-grams with scikit-learn's `TfidfVectorizer` arithmetic: smoothed
 * `idf = ln((1 + n) / (1 + df)) + 1`, raw (or sublinear) counts, then L2 normalisation.
 * An n-gram is the same feature as scikit-learn's space-joined string, kept as token ids.
 */
export class TfidfVectorizer {
  private readonly tokenize: Tokenize;
  private readonly counter = new TermCounter();
  private tokenIds = new Int32Array(4096);
  /** The string-free word lookup, built at the first transform. */
  private scanner: TokenIndex | undefined;

  private constructor(
    readonly options: TfidfOptions,
    private readonly tokens: string[],
    private readonly tokenIndex: Map<string, number>,
    private readonly ngrams: NgramTable,
    readonly idf: Float32Array,
  ) {
    this.tokenize = createTokenizer({ stem: options.stem });
  }

  /** Learns the vocabulary and idf from `texts` and returns their TF-IDF matrix. */
  static fitTransform(
    texts: readonly string[],
    options: Partial<TfidfOptions> = {},
  ): { vectorizer: TfidfVectorizer; matrix: CsrMatrix } {
    const resolved = { ...DEFAULT_TFIDF_OPTIONS, ...options };
    const [minLength, maxLength] = resolved.ngramRange;
    const corpus = tokenizeCorpus(
      texts,
      createTokenizer({ stem: resolved.stem }),
      // Texts take the string-free scan where it can (see TokenIndex); it finds the same tokens.
      resolved.stem ? undefined : new TokenIndex(),
    );
    let { tokens } = corpus;
    const { ids, starts } = corpus;
    // An n-gram holding a word seen in fewer than minDf texts would be dropped below: never
    // counting it keeps the n-gram table several times smaller (most words are that rare).
    const rare = Uint8Array.from(corpus.documentFrequency, (df) => (df < resolved.minDf ? 1 : 0));
    let ngrams = new NgramTable(maxLength, 1 << 16);
    const counter = new TermCounter();
    for (let t = 0; t < texts.length; t++) {
      const first = starts[t] as number;
      const end = starts[t + 1] as number;
      for (let n = minLength; n <= maxLength; n++) {
        // The last rare word at or before the window's end: windows starting at or before it
        // hold it.
        let lastRare = first - 1;
        for (let p = first; p < first + n - 1 && p < end; p++) {
          if (rare[ids[p] as number] === 1) lastRare = p;
        }
        for (let start = first; start + n <= end; start++) {
          if (rare[ids[start + n - 1] as number] === 1) lastRare = start + n - 1;
          if (lastRare >= start) continue;
          counter.add(ngrams.getOrAdd(ids, start, n));
        }
      }
      counter.endRow();
    }
    let counts = counter.build(ngrams.size);

    let documentFrequency: Int32Array = new Int32Array(ngrams.size);
    for (const column of counts.indices) {
      documentFrequency[column] = (documentFrequency[column] as number) + 1;
    }
    if (resolved.minDf > 1) {
      ({ tokens, ngrams, counts, documentFrequency } = dropRareNgrams(
        tokens,
        ngrams,
        counts,
        documentFrequency,
        resolved.minDf,
      ));
    }
    const tokenIndex = new Map(tokens.map((token, id) => [token, id]));
    const n = texts.length;
    const idf = Float32Array.from(documentFrequency, (df) => Math.log((1 + n) / (1 + df)) + 1);
    const vectorizer = new TfidfVectorizer(resolved, tokens, tokenIndex, ngrams, idf);
    vectorizer.weighInPlace(counts);
    return { vectorizer, matrix: counts };
  }

  static fromState(state: TfidfState): TfidfVectorizer {
    const tokenIndex = new Map<string, number>();
    for (let id = 0; id < state.tokens.length; id++) tokenIndex.set(state.tokens[id] as string, id);
    const ngrams = NgramTable.fromKeys(state.options.ngramRange[1], state.ngrams);
    if (ngrams.size !== state.idf.length) {
      throw new RangeError(`${ngrams.size} n-grams but ${state.idf.length} idf values`);
    }
    return new TfidfVectorizer(state.options, state.tokens, tokenIndex, ngrams, state.idf);
  }

  toState(): TfidfState {
    return {
      options: this.options,
      tokens: this.tokens,
      ngrams: this.ngrams.toKeys(),
      idf: this.idf,
    };
  }

  /** Number of columns (vocabulary size). */
  get size(): number {
    return this.ngrams.size;
  }

  /** The n-gram of `column` as scikit-learn spells it (words joined by a space). */
  term(column: number): string {
    return Array.from(this.ngrams.keyOf(column), (id) => this.tokens[id]).join(' ');
  }

  /** The column of an n-gram spelled as `term` returns, or -1. */
  columnOf(term: string): number {
    const words = term.split(' ');
    const ids = Int32Array.from(words, (word) => this.tokenIndex.get(word) ?? -1);
    return ids.includes(-1) || ids.length > this.ngrams.maxLength
      ? -1
      : this.ngrams.get(ids, 0, ids.length);
  }

  /** TF-IDF rows of `texts`; n-grams outside the vocabulary are ignored. */
  transform(texts: readonly string[]): CsrMatrix {
    const [minLength, maxLength] = this.options.ngramRange;
    for (const text of texts) {
      const count = this.tokenIdsOf(text);
      const ids = this.tokenIds;
      // One pass over the words: at each, the n-grams that end there. An n-gram holding an
      // unknown word cannot be in the vocabulary.
      let lastUnknown = -1;
      for (let end = 0; end < count; end++) {
        if (ids[end] === -1) {
          lastUnknown = end;
          continue;
        }
        const longest = Math.min(maxLength, end - lastUnknown);
        for (let n = minLength; n <= longest; n++) {
          const column = this.ngrams.get(ids, end - n + 1, n);
          if (column >= 0) this.counter.add(column);
        }
      }
      this.counter.endRow();
    }
    const matrix = this.counter.build(this.ngrams.size);
    this.weighInPlace(matrix);
    return matrix;
  }

  /** Writes the token ids of `text` (-1 for unknown words) into `tokenIds`; returns how many. */
  private tokenIdsOf(text: string): number {
    if (!this.options.stem) {
      this.scanner ??= new TokenIndex(this.tokens);
      if (text.length > this.tokenIds.length) this.tokenIds = new Int32Array(text.length * 2);
      const count = this.scanner.scan(text, this.tokenIds);
      if (count >= 0) return count;
    }
    const words = this.tokenize(text);
    if (words.length > this.tokenIds.length) this.tokenIds = new Int32Array(words.length * 2);
    for (let k = 0; k < words.length; k++) {
      this.tokenIds[k] = this.tokenIndex.get(words[k] as string) ?? -1;
    }
    return words.length;
  }

  /** Turns the counts of `matrix` into TF-IDF weights, row-normalised if asked. */
  private weighInPlace(matrix: CsrMatrix): void {
    const { indptr, indices, data } = matrix;
    const sublinear = this.options.sublinearTf;
    for (let row = 0; row < matrix.rows; row++) {
      const start = indptr[row] as number;
      const end = indptr[row + 1] as number;
      let squares = 0;
      for (let k = start; k < end; k++) {
        const tf = data[k] as number;
        const weight =
          // Most n-grams occur once in a text: skip the logarithm for them.
          (sublinear && tf !== 1 ? 1 + Math.log(tf) : tf) *
          (this.idf[indices[k] as number] as number);
        data[k] = weight;
        squares += weight * weight;
      }
      if (this.options.norm === 'l2' && squares > 0) {
        const scale = 1 / Math.sqrt(squares);
        for (let k = start; k < end; k++) data[k] = (data[k] as number) * scale;
      }
    }
  }
}

/** Removes the n-grams with a document frequency under `minDf` and renumbers the rest. */
function dropRareNgrams(
  tokens: readonly string[],
  ngrams: NgramTable,
  counts: CsrMatrix,
  documentFrequency: Int32Array,
  minDf: number,
): { tokens: string[]; ngrams: NgramTable; counts: CsrMatrix; documentFrequency: Int32Array } {
  const stride = ngrams.maxLength;
  const keys = ngrams.toKeys();
  const renumbered = new Int32Array(documentFrequency.length).fill(-1);
  let kept = 0;
  for (let column = 0; column < documentFrequency.length; column++) {
    const df = documentFrequency[column] as number;
    if (df < minDf) continue;
    renumbered[column] = kept;
    documentFrequency[kept] = df;
    keys.copyWithin(kept * stride, column * stride, (column + 1) * stride);
    kept++;
  }
  // Compact the rows in place: entries only ever move towards the start.
  const { indptr, indices, data } = counts;
  let write = 0;
  let rowStart = 0;
  for (let row = 0; row < counts.rows; row++) {
    const rowEnd = indptr[row + 1] as number;
    for (let p = rowStart; p < rowEnd; p++) {
      const column = renumbered[indices[p] as number] as number;
      if (column < 0) continue;
      indices[write] = column;
      data[write] = data[p] as number;
      write++;
    }
    rowStart = rowEnd;
    indptr[row + 1] = write;
  }
  // Words left in no n-gram would only slow the word lookups down: renumber the rest.
  const keptKeys = keys.subarray(0, kept * stride);
  const tokenRenumbered = new Int32Array(tokens.length).fill(-1);
  const keptTokens: string[] = [];
  for (let k = 0; k < keptKeys.length; k++) {
    const id = keptKeys[k] as number;
    if (id < 0) continue;
    if (tokenRenumbered[id] === -1) {
      tokenRenumbered[id] = keptTokens.length;
      keptTokens.push(tokens[id] as string);
    }
    keptKeys[k] = tokenRenumbered[id] as number;
  }
  return {
    tokens: keptTokens,
    ngrams: NgramTable.fromKeys(stride, keptKeys),
    counts: {
      rows: counts.rows,
      columns: kept,
      indptr,
      indices: indices.slice(0, write),
      data: data.slice(0, write),
    },
    documentFrequency: documentFrequency.slice(0, kept),
  };
}
