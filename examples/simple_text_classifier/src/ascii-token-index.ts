/**
 * Token ids of ASCII text found without building token strings: most of the time spent on a
 * text goes to splitting it into words and looking each word up, so for ASCII text (most mail
 * and reviews) the scan lower-cases, hashes and matches word characters in place. It finds
 * exactly the tokens `createTokenizer()` finds on ASCII text (runs of `[A-Za-z0-9_]`); other
 * text takes the tokenizer's path.
 */
export class AsciiTokenIndex {
  /** The lower-case bytes of every indexed token, back to back. */
  private pool = new Uint8Array(1 << 16);
  private poolSize = 0;
  /** Per token id: where its bytes start in `pool` (-1: not indexed), and how many. */
  private start = new Int32Array(1024).fill(-1);
  private length = new Int32Array(1024);
  /** Open-addressing slots holding `id + 1`; 0 marks an empty slot. */
  private slots = new Int32Array(2048);
  private count = 0;

  constructor(tokens: readonly string[] = []) {
    tokens.forEach((token, id) => {
      this.add(token, id);
    });
  }

  /** Indexes `token` (lower case) as `id`; tokens with non-word characters are skipped. */
  add(token: string, id: number): void {
    if (!/^\w+$/.test(token)) return;
    this.reserve(id, token.length);
    let hash = FNV_OFFSET;
    for (let k = 0; k < token.length; k++) {
      const code = token.charCodeAt(k);
      this.pool[this.poolSize + k] = code;
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    this.start[id] = this.poolSize;
    this.length[id] = token.length;
    this.poolSize += token.length;
    this.place(id, finish(hash));
    this.count++;
  }

  /**
   * Writes the id of each token of `text` into `ids` and returns how many there are, or -1
   * when `text` is not ASCII. An unknown token gets `unknown(token)` when given (which is
   * then indexed under that id), else -1. `ids` must hold `text.length` entries.
   */
  scan(text: string, ids: Int32Array, unknown?: (token: string) => number): number {
    let count = 0;
    let hash = FNV_OFFSET;
    let tokenStart = -1;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (code > 127) return -1;
      const lower = code >= 65 && code <= 90 ? code + 32 : code;
      if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower === 95) {
        if (tokenStart < 0) {
          tokenStart = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ lower, FNV_PRIME);
      } else if (tokenStart >= 0) {
        let id = this.find(text, tokenStart, i - tokenStart, finish(hash));
        if (id < 0 && unknown) {
          const token = text.slice(tokenStart, i).toLowerCase();
          id = unknown(token);
          if (id >= 0) this.add(token, id);
        }
        ids[count++] = id;
        tokenStart = -1;
      }
    }
    return count;
  }

  private find(text: string, from: number, length: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.length[id] !== length) continue;
      const base = this.start[id] as number;
      let k = 0;
      for (; k < length; k++) {
        const code = text.charCodeAt(from + k);
        const lower = code >= 65 && code <= 90 ? code + 32 : code;
        if (this.pool[base + k] !== lower) break;
      }
      if (k === length) return id;
    }
  }

  private place(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  /** Room for token `id` of `bytes` bytes, and for one more slot at a load under one half. */
  private reserve(id: number, bytes: number): void {
    if (this.poolSize + bytes > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolSize + bytes));
      pool.set(this.pool);
      this.pool = pool;
    }
    if (id >= this.start.length) {
      const size = Math.max(this.start.length * 2, id + 1);
      const start = new Int32Array(size).fill(-1);
      start.set(this.start);
      this.start = start;
      const length = new Int32Array(size);
      length.set(this.length);
      this.length = length;
    }
    if ((this.count + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let other = 0; other < this.start.length; other++) {
        const base = this.start[other] as number;
        if (base < 0) continue;
        let hash = FNV_OFFSET;
        const end = base + (this.length[other] as number);
        for (let k = base; k < end; k++)
          hash = Math.imul(hash ^ (this.pool[k] as number), FNV_PRIME);
        this.place(other, finish(hash));
      }
    }
  }
}

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
