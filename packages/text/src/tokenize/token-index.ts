/**
 * Token ids of a text found without building token strings. Most of the time spent on a text
 * goes to splitting it into words and looking each word up, so the scan lower-cases, hashes
 * and matches word characters in place. It finds exactly the tokens `createTokenizer()` finds
 * (runs of letters, digits and `_` after lower-casing), or says it cannot: for the few
 * characters whose lower case depends on context or is longer than one code unit (`Σ`, `İ`),
 * and for letters outside the Basic Multilingual Plane, the scan gives up and the caller
 * takes the tokenizer's path.
 */
export class TokenIndex {
  /** The lower-case UTF-16 code units of every indexed token, back to back. */
  private pool = new Uint16Array(1 << 16);
  private poolSize = 0;
  /**
   * Open addressing, `SLOT` numbers per slot: `id + 1` (0 = empty), the token's hash, where
   * its code units start in `pool`, and how many. A probe that misses reads one slot only.
   */
  private slots = new Int32Array(2048 * SLOT);
  private count = 0;

  constructor(tokens: readonly string[] = []) {
    tokens.forEach((token, id) => {
      this.add(token, id);
    });
  }

  /**
   * Indexes `token` (lower case) as `id` and returns true, unless the scan could never
   * produce it (false).
   */
  add(token: string, id: number): boolean {
    const hash = tokenHash(token);
    if (hash < 0) return false;
    this.reserve(token.length);
    this.pool.set(codeUnits(token), this.poolSize);
    this.place(id + 1, hash, this.poolSize, token.length);
    this.poolSize += token.length;
    this.count++;
    return true;
  }

  /** The id of `token` (a lower-case word), or -1 when it is not indexed. */
  lookup(token: string): number {
    const hash = tokenHash(token);
    return hash < 0 ? -1 : this.find(token, 0, token.length, hash);
  }

  /**
   * Writes the id of each token of `text` into `ids` and returns how many there are, or -1
   * when the scan cannot tokenize `text` (see the class comment). An unknown token gets
   * `unknown(token)` when given (which is then indexed under that id), else -1. `ids` must
   * hold `text.length` entries.
   */
  scan(text: string, ids: Int32Array, unknown?: (token: string) => number): number {
    const table = characters;
    const length = text.length;
    let count = 0;
    let i = 0;
    while (i < length) {
      let code = text.charCodeAt(i);
      let lower = table[code] as number;
      if (lower === UNSEEN) lower = learn(code);
      if (lower <= 0) {
        if (lower !== GIVE_UP) {
          i++;
          continue;
        }
        // A pair of surrogates outside the word classes (emoji, mostly) separates words.
        const separator = astralSeparator(text, i);
        if (separator === 0) return -1;
        i += separator;
        continue;
      }
      // A word: hash its lower-case characters up to the next non-word character.
      const start = i;
      let hash = Math.imul(FNV_OFFSET ^ lower, FNV_PRIME);
      for (i++; i < length; i++) {
        code = text.charCodeAt(i);
        lower = table[code] as number;
        if (lower === UNSEEN) lower = learn(code);
        if (lower <= 0) break;
        hash = Math.imul(hash ^ lower, FNV_PRIME);
      }
      ids[count++] = this.idOf(text, start, i, finish(hash), unknown);
    }
    return count;
  }

  /** The id of the token `text[from, to)`, or what `unknown` names it (then indexed), or -1. */
  private idOf(
    text: string,
    from: number,
    to: number,
    hash: number,
    unknown: ((token: string) => number) | undefined,
  ): number {
    const id = this.find(text, from, to - from, hash);
    if (id >= 0 || !unknown) return id;
    const token = text.slice(from, to).toLowerCase();
    const named = unknown(token);
    if (named >= 0) this.add(token, named);
    return named;
  }

  private find(text: string, from: number, length: number, hash: number): number {
    const { slots, pool } = this;
    const mask = slots.length / SLOT - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const entry = slots[at] as number;
      if (entry === 0) return -1;
      if (slots[at + 1] !== (hash | 0) || slots[at + 3] !== length) continue;
      const base = slots[at + 2] as number;
      let k = 0;
      // Every character of a token was seen by the scan, so its lower case is known.
      while (k < length && pool[base + k] === characters[text.charCodeAt(from + k)]) k++;
      if (k === length) return entry - 1;
    }
  }

  private place(entry: number, hash: number, start: number, length: number): void {
    const mask = this.slots.length / SLOT - 1;
    let slot = hash & mask;
    while (this.slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT;
    this.slots[at] = entry;
    this.slots[at + 1] = hash | 0;
    this.slots[at + 2] = start;
    this.slots[at + 3] = length;
  }

  /** Room for a token of `units` code units, and for one more slot at a load under one half. */
  private reserve(units: number): void {
    if (this.poolSize + units > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolSize + units));
      pool.set(this.pool);
      this.pool = pool;
    }
    if ((this.count + 1) * 2 * SLOT > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let at = 0; at < old.length; at += SLOT) {
        const entry = old[at] as number;
        if (entry !== 0) {
          this.place(
            entry,
            (old[at + 1] as number) >>> 0,
            old[at + 2] as number,
            old[at + 3] as number,
          );
        }
      }
    }
  }
}

const SLOT = 4;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's fmix32, so that the low bits used for slots are well mixed. */
function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The slot hash of a token the scan can produce, or -1 for any other string. */
function tokenHash(token: string): number {
  if (token.length === 0) return -1;
  let hash = FNV_OFFSET;
  for (let k = 0; k < token.length; k++) {
    const code = token.charCodeAt(k);
    const lower = characters[code] === UNSEEN ? learn(code) : (characters[code] as number);
    if (lower !== code) return -1;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return finish(hash);
}

function codeUnits(token: string): Uint16Array {
  const units = new Uint16Array(token.length);
  for (let k = 0; k < token.length; k++) units[k] = token.charCodeAt(k);
  return units;
}

// What the tokenizer does to each code unit, learnt the first time the unit is seen: its
// lower case if that is a word character (`[\p{L}\p{N}_]`, as in tokenize.ts), else
// SEPARATOR, or GIVE_UP where the scan cannot follow the tokenizer. One table read per
// character in the scan.
const UNSEEN = 0;
const SEPARATOR = -1;
const GIVE_UP = -2;
const characters = new Int32Array(0x10000);
const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;
/** Σ lower-cases to ς at the end of a word and σ elsewhere: context the scan does not keep. */
const CONTEXTUAL_LOWER_CASE = new Set([0x03a3]);

function learn(code: number): number {
  let entry = GIVE_UP;
  const isSurrogate = code >= 0xd800 && code <= 0xdfff;
  const lower = String.fromCharCode(code).toLowerCase();
  if (!isSurrogate && lower.length === 1 && !CONTEXTUAL_LOWER_CASE.has(code)) {
    entry = WORD_CHARACTER.test(lower) ? lower.charCodeAt(0) : SEPARATOR;
  }
  characters[code] = entry;
  return entry;
}
for (let code = 0; code < 128; code++) learn(code);

const astralWords = new Map<number, boolean>();

/**
 * At a high surrogate followed by a low one whose code point is no word character: 2 (the
 * pair's length). Otherwise 0: a letter or digit outside the BMP, or a lone surrogate.
 */
function astralSeparator(text: string, at: number): number {
  const point = text.codePointAt(at) as number;
  if (point < 0x10000) return 0;
  let word = astralWords.get(point);
  if (word === undefined) {
    const character = String.fromCodePoint(point);
    word = WORD_CHARACTER.test(character.toLowerCase()) || character.toLowerCase() !== character;
    astralWords.set(point, word);
  }
  return word ? 0 : 2;
}
