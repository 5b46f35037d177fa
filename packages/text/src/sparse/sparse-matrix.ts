/**
 * A sparse matrix in compressed sparse row form: row `i` holds the columns
 * `indices[indptr[i] .. indptr[i+1])` with the values at the same positions of `data`.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float32Array;
}

/** Grows typed arrays while rows are appended, then trims them into a `CsrMatrix`. */
export class CsrBuilder {
  private indptr: number[] = [0];
  private indices = new Int32Array(1024);
  private data = new Float32Array(1024);
  private size = 0;

  /** Appends one row; `columns` and `values` are read up to `length`. */
  appendRow(columns: ArrayLike<number>, values: ArrayLike<number>, length: number): void {
    this.reserve(this.size + length);
    for (let k = 0; k < length; k++) {
      this.indices[this.size + k] = columns[k] as number;
      this.data[this.size + k] = values[k] as number;
    }
    this.size += length;
    this.indptr.push(this.size);
  }

  build(columns: number): CsrMatrix {
    return {
      rows: this.indptr.length - 1,
      columns,
      indptr: Int32Array.from(this.indptr),
      indices: this.indices.slice(0, this.size),
      data: this.data.slice(0, this.size),
    };
  }

  private reserve(capacity: number): void {
    if (capacity <= this.indices.length) return;
    let grown = this.indices.length * 2;
    while (grown < capacity) grown *= 2;
    const indices = new Int32Array(grown);
    indices.set(this.indices);
    this.indices = indices;
    const data = new Float32Array(grown);
    data.set(this.data);
    this.data = data;
  }
}

/**
 * The same matrix in compressed sparse column form: column `j` holds the rows
 * `rowIndices[colptr[j] .. colptr[j+1])`, in increasing order, with their values in `data`.
 */
export interface CscMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly colptr: Int32Array;
  readonly rowIndices: Int32Array;
  readonly data: Float32Array;
}

/** `x` by columns (a counting sort of its entries: two passes, no comparisons). */
export function toCsc(x: CsrMatrix): CscMatrix {
  const { indptr, indices, data } = x;
  const colptr = new Int32Array(x.columns + 1);
  for (const column of indices) colptr[column + 1] = (colptr[column + 1] as number) + 1;
  for (let column = 0; column < x.columns; column++) {
    colptr[column + 1] = (colptr[column + 1] as number) + (colptr[column] as number);
  }
  const next = colptr.slice(0, x.columns);
  const rowIndices = new Int32Array(indices.length);
  const values = new Float32Array(indices.length);
  for (let row = 0; row < x.rows; row++) {
    const end = indptr[row + 1] as number;
    for (let p = indptr[row] as number; p < end; p++) {
      const column = indices[p] as number;
      const q = next[column] as number;
      next[column] = q + 1;
      rowIndices[q] = row;
      values[q] = data[p] as number;
    }
  }
  return { rows: x.rows, columns: x.columns, colptr, rowIndices, data: values };
}
