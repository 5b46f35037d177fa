import type { CsrMatrix } from '../sparse/sparse-matrix.js';

/**
 * Counts the columns of each document straight into a CSR matrix: a column's first
 * occurrence in a row appends an entry, later ones add to it. No per-document buffer, no
 * copy into a builder: counting is the inner loop of vectorizing.
 */
export class TermCounter {
  /** Per column, where its entry of the current row is, if that is at or after `rowStart`. */
  private position: Int32Array = new Int32Array(1 << 16).fill(-1);
  private indices = new Int32Array(1 << 16);
  private data = new Float32Array(1 << 16);
  private indptr = new Int32Array(1024);
  private size = 0;
  private rowStart = 0;
  private rows = 0;

  add(column: number): void {
    if (column >= this.position.length) this.position = grownPositions(this.position, column);
    const at = this.position[column] as number;
    if (at >= this.rowStart) {
      this.data[at] = (this.data[at] as number) + 1;
      return;
    }
    if (this.size === this.indices.length) this.growEntries();
    this.position[column] = this.size;
    this.indices[this.size] = column;
    this.data[this.size] = 1;
    this.size++;
  }

  /** Closes the current document's row (in order of first occurrence) and starts the next. */
  endRow(): void {
    if (this.rows + 1 === this.indptr.length) {
      const indptr = new Int32Array(this.indptr.length * 2);
      indptr.set(this.indptr);
      this.indptr = indptr;
    }
    this.indptr[++this.rows] = this.size;
    this.rowStart = this.size;
  }

  /** The rows counted so far, as a matrix of `columns` columns; the counter starts afresh. */
  build(columns: number): CsrMatrix {
    const matrix = {
      rows: this.rows,
      columns,
      indptr: this.indptr.slice(0, this.rows + 1),
      indices: this.indices.slice(0, this.size),
      data: this.data.slice(0, this.size),
    };
    // Stale positions would pass for entries of the next first row: clear them.
    this.position.fill(-1);
    this.size = this.rowStart = this.rows = 0;
    return matrix;
  }

  private growEntries(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    this.indices = indices;
    const data = new Float32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
}

function grownPositions(position: Int32Array, column: number): Int32Array {
  let length = position.length * 2;
  while (length <= column) length *= 2;
  const grown = new Int32Array(length).fill(-1);
  grown.set(position);
  return grown;
}
