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

/** The rows of `matrix` listed in `rowIds`, in that order. */
export function selectRows(matrix: CsrMatrix, rowIds: ArrayLike<number>): CsrMatrix {
  const builder = new CsrBuilder();
  for (let r = 0; r < rowIds.length; r++) {
    const row = rowIds[r] as number;
    const start = matrix.indptr[row] as number;
    const end = matrix.indptr[row + 1] as number;
    builder.appendRow(
      matrix.indices.subarray(start, end),
      matrix.data.subarray(start, end),
      end - start,
    );
  }
  return builder.build(matrix.columns);
}
