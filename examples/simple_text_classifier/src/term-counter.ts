import type { CsrBuilder } from './sparse-matrix.js';

/**
 * Counts the columns of one document and emits each distinct column once, with its count,
 * as a CSR row (in order of first occurrence). A dense count per column avoids sorting.
 */
export class TermCounter {
  private countOf = new Float32Array(1 << 16);
  private distinct = new Int32Array(1024);
  private counts = new Float32Array(1024);
  private size = 0;

  add(column: number): void {
    if (column >= this.countOf.length) this.countOf = grow(this.countOf, column + 1);
    const count = this.countOf[column] as number;
    this.countOf[column] = count + 1;
    if (count === 0) {
      if (this.size === this.distinct.length) {
        const grown = new Int32Array(this.size * 2);
        grown.set(this.distinct);
        this.distinct = grown;
        this.counts = new Float32Array(this.size * 2);
      }
      this.distinct[this.size++] = column;
    }
  }

  /** Appends the counted row to `builder` and starts a new document. */
  flushInto(builder: CsrBuilder): void {
    for (let k = 0; k < this.size; k++) {
      const column = this.distinct[k] as number;
      this.counts[k] = this.countOf[column] as number;
      this.countOf[column] = 0;
    }
    builder.appendRow(this.distinct, this.counts, this.size);
    this.size = 0;
  }
}

function grow(values: Float32Array, needed: number): Float32Array<ArrayBuffer> {
  let length = values.length * 2;
  while (length < needed) length *= 2;
  const grown = new Float32Array(length);
  grown.set(values);
  return grown;
}
