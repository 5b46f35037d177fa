import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';

/**
 * One token per maximal run of word characters. This is what scikit-learn's
 * `(?u)\b\w\w+\b|\w` yields (Python's `\w` = letters, numbers and `_`, no marks), so the
 * features match the Python backend's.
 */
const WORD_RUNS = /[\p{L}\p{N}_]+/gu;
/** The same on ASCII text, where the non-Unicode regex is markedly faster. */
const ASCII_WORD_RUNS = /\w+/g;
const NON_ASCII = /[^\p{ASCII}]/u;

export interface TokenizerOptions {
  /** Reduce words to their Porter stem (English). Off by default, as in scikit-learn. */
  stem?: boolean;
}

export type Tokenize = (text: string) => string[];

/**
 * Lower-cases the text and splits it into word tokens with natural's `RegexpTokenizer`,
 * optionally stemming them with natural's Porter stemmer.
 */
export function createTokenizer(options: TokenizerOptions = {}): Tokenize {
  const unicode = new RegexpTokenizer({ pattern: WORD_RUNS, gaps: false });
  const ascii = new RegexpTokenizer({ pattern: ASCII_WORD_RUNS, gaps: false });
  const words = (text: string): string[] => {
    const lower = text.toLowerCase();
    const tokens = (NON_ASCII.test(lower) ? unicode : ascii).tokenize(lower);
    // natural's RegexpTokenizer returns String#match's result: null when nothing matches.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed string[]
    return tokens ?? [];
  };
  if (options.stem !== true) return words;

  // Stemming is the slow part and vocabularies repeat a lot: remember every stem.
  const stems = new Map<string, string>();
  const stem = (word: string): string => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      stemmed = PorterStemmer.stem(word);
      stems.set(word, stemmed);
    }
    return stemmed;
  };
  return (text) => words(text).map(stem);
}
