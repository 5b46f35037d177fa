/**
 * A hash table from n-grams of token ids (up to `maxLength` ids) to dense column numbers,
 * open-addressed over typed arrays. Keys are integer tuples rather than joined strings:
 * building and hashing millions of n-gram strings was the slowest part of vectorizing.
 *
 * Each slot holds `column + 1` (0 = empty) followed by the key, so a lookup touches one
 * place in memory; keys are padded with -1 after the n-gram's end. Single words skip the
 * hash table: their columns sit in an array indexed by token id, so half of the lookups of
 * 1–2-grams are one read of a small array instead of a likely cache miss.
 */
export class NgramTable {
  private readonly stride: number;
  private slots: Int32Array;
  private mask: number;
  /** Keys in column order (for serialization), `maxLength` ids per column. */
  private keys: Int32Array;
  private count = 0;
  /** N-grams of two or more tokens, the ones in `slots`. */
  private tableEntries = 0;
  /** Column of each single-token n-gram by token id, -1 when it has none. */
  private unigrams: Int32Array = new Int32Array(1024).fill(-1);

  constructor(
    readonly maxLength: number,
    capacity = 1024,
  ) {
    this.stride = maxLength + 1;
    const slotCount = slotCountFor(capacity);
    this.slots = new Int32Array(slotCount * this.stride);
    this.mask = slotCount - 1;
    this.keys = new Int32Array(Math.max(capacity, 16) * maxLength);
  }

  /** Rebuilds a table from the `keys` of `toKeys()`. */
  static fromKeys(maxLength: number, keys: Int32Array): NgramTable {
    const count = keys.length / maxLength;
    const table = new NgramTable(maxLength, count);
    for (let column = 0; column < count; column++) {
      const start = column * maxLength;
      let length = 0;
      while (length < maxLength && (keys[start + length] as number) >= 0) length++;
      table.getOrAdd(keys, start, length);
    }
    return table;
  }

  get size(): number {
    return this.count;
  }

  /** The n-gram `ids[start .. start+length)` as a column, or -1 when it is not known. */
  get(ids: Int32Array, start: number, length: number): number {
    if (length === 1) {
      const id = ids[start] as number;
      return id >= 0 && id < this.unigrams.length ? (this.unigrams[id] as number) : -1;
    }
    const slot = this.find(ids, start, length);
    return (this.slots[slot * this.stride] as number) - 1;
  }

  /** Like `get`, but adds an unknown n-gram as the next column. */
  getOrAdd(ids: Int32Array, start: number, length: number): number {
    if (length === 1) {
      const id = ids[start] as number;
      if (id >= this.unigrams.length) this.unigrams = grownUnigrams(this.unigrams, id);
      const known = this.unigrams[id] as number;
      if (known >= 0) return known;
      const column = this.appendKey(ids, start, 1);
      this.unigrams[id] = column;
      return column;
    }
    const slot = this.find(ids, start, length);
    const base = slot * this.stride;
    const entry = this.slots[base] as number;
    if (entry !== 0) return entry - 1;

    const column = this.appendKey(ids, start, length);
    this.slots[base] = column + 1;
    for (let k = 0; k < this.maxLength; k++) {
      this.slots[base + 1 + k] = k < length ? (ids[start + k] as number) : -1;
    }
    this.tableEntries++;
    if (this.tableEntries * 2 > this.mask + 1) this.rehash();
    return column;
  }

  /** Gives the n-gram the next column and records its key. */
  private appendKey(ids: Int32Array, start: number, length: number): number {
    const column = this.count++;
    if ((column + 1) * this.maxLength > this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const at = column * this.maxLength;
    for (let k = 0; k < this.maxLength; k++) {
      this.keys[at + k] = k < length ? (ids[start + k] as number) : -1;
    }
    return column;
  }

  /** Keys of the columns `0 .. size-1`, `maxLength` ids each, padded with -1. */
  toKeys(): Int32Array {
    return this.keys.slice(0, this.count * this.maxLength);
  }

  /** The token ids of `column`'s n-gram. */
  keyOf(column: number): Int32Array {
    const start = column * this.maxLength;
    const key = this.keys.subarray(start, start + this.maxLength);
    const end = key.indexOf(-1);
    return end < 0 ? key : key.subarray(0, end);
  }

  /** `find` for a two-word n-gram (the most common lookup), without the general loops. */
  private findPair(first: number, second: number): number {
    const { slots, stride, mask } = this;
    const padded = stride > 3;
    for (let slot = pairHash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const base = slot * stride;
      if (slots[base] === 0) return slot;
      if (
        slots[base + 1] === first &&
        slots[base + 2] === second &&
        (!padded || slots[base + 3] === -1)
      ) {
        return slot;
      }
    }
  }

  /** The slot holding the n-gram, or the empty slot where it would go. */
  private find(ids: Int32Array, start: number, length: number): number {
    if (length === 2) return this.findPair(ids[start] as number, ids[start + 1] as number);
    const { slots, stride, maxLength } = this;
    for (let slot = hash(ids, start, length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const base = slot * stride;
      if (slots[base] === 0) return slot;
      let k = 0;
      while (k < length && slots[base + 1 + k] === ids[start + k]) k++;
      if (k === length && (length === maxLength || slots[base + 1 + length] === -1)) return slot;
    }
  }

  private rehash(): void {
    const old = this.slots;
    // Grow 4× at a time: a vocabulary of millions of n-grams is rehashed fewer times.
    const slotCount = (this.mask + 1) * 4;
    this.slots = new Int32Array(slotCount * this.stride);
    this.mask = slotCount - 1;
    for (let base = 0; base < old.length; base += this.stride) {
      if (old[base] === 0) continue;
      let length = 0;
      while (length < this.maxLength && (old[base + 1 + length] as number) >= 0) length++;
      const slot = this.find(old, base + 1, length);
      this.slots.set(old.subarray(base, base + this.stride), slot * this.stride);
    }
  }
}

function grownUnigrams(unigrams: Int32Array, id: number): Int32Array {
  const grown = new Int32Array(Math.max(unigrams.length * 2, id + 1)).fill(-1);
  grown.set(unigrams);
  return grown;
}

/** Power of two with room for `capacity` entries at a load factor under one half. */
function slotCountFor(capacity: number): number {
  let slots = 16;
  while (slots < capacity * 2) slots *= 2;
  return slots;
}

/** FNV-1a-style mixing of the ids, then a final avalanche (murmur3's fmix32). */
function hash(ids: Int32Array, start: number, length: number): number {
  let h = 0x811c9dc5 ^ length;
  for (let k = 0; k < length; k++) h = Math.imul(h ^ (ids[start + k] as number), 0x01000193);
  return avalanche(h);
}

/** `hash` of the two-id n-gram (first, second), unrolled. */
function pairHash(first: number, second: number): number {
  const h = Math.imul(Math.imul(0x811c9dc5 ^ 2 ^ first, 0x01000193) ^ second, 0x01000193);
  return avalanche(h);
}

function avalanche(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
