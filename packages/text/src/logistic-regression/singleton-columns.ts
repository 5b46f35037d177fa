import { CsrBuilder, toCsc, type CscMatrix, type CsrMatrix } from '../sparse/sparse-matrix.js';

/**
 * A smaller, equivalent training problem for L2-regularised linear models.
 *
 * A column that is non-zero in a single row `i` only ever adds to row `i`'s score, so at
 * the optimum the weights of all such columns of row `i` point along their values: for a
 * contribution `c` the L2 penalty is smallest with `w_j = x_ij · c / s_i²`, `s_i² = Σ x_ij²`,
 * and costs `(c / s_i)²`. They are therefore exactly one column of value `s_i` with weight
 * `c / s_i`. Most word n-grams occur in one document, so the solver's vector (and each of
 * its dense passes) shrinks several times without changing the solution.
 */
export interface CollapsedColumns {
  /** Columns seen in 2+ rows (renumbered), then one column per row that had singletons. */
  matrix: CsrMatrix;
  /** The same matrix by columns, which the solver walks. */
  columns: CscMatrix;
  /** Maps weights of `matrix` (`free` per column, intercepts last) back to the original's. */
  expand: (weights: Float64Array, free: number) => Float64Array;
}

export function collapseSingletonColumns(x: CsrMatrix): CollapsedColumns {
  const { indptr, indices, data } = x;
  // The column form is needed anyway; its column lengths are the row counts.
  const byColumn = toCsc(x);
  const rowCount = (column: number) =>
    (byColumn.colptr[column + 1] as number) - (byColumn.colptr[column] as number);
  let singletons = false;
  for (let column = 0; column < x.columns && !singletons; column++) {
    singletons = rowCount(column) === 1;
  }
  // With minDf ≥ 2 there are none: skip the copy.
  if (!singletons) return { matrix: x, columns: byColumn, expand: (weights) => weights };

  // Shared columns keep their order; each row with singletons gets one column after them.
  const renumbered = new Int32Array(x.columns).fill(-1);
  let shared = 0;
  for (let column = 0; column < x.columns; column++) {
    if (rowCount(column) > 1) renumbered[column] = shared++;
  }
  const singletonNorm = new Float64Array(x.rows);
  const singletonColumn = new Int32Array(x.rows).fill(-1);
  let next = shared;
  const builder = new CsrBuilder();
  const columns: number[] = [];
  const values: number[] = [];
  for (let row = 0; row < x.rows; row++) {
    columns.length = values.length = 0;
    let squares = 0;
    for (let p = indptr[row] as number; p < (indptr[row + 1] as number); p++) {
      const column = renumbered[indices[p] as number] as number;
      const value = data[p] as number;
      if (column >= 0) {
        columns.push(column);
        values.push(value);
      } else {
        squares += value * value;
      }
    }
    if (squares > 0) {
      singletonNorm[row] = Math.sqrt(squares);
      singletonColumn[row] = next++;
      columns.push(singletonColumn[row] as number);
      values.push(singletonNorm[row] as number);
    }
    builder.appendRow(columns, values, columns.length);
  }
  const matrix = builder.build(next);

  const expand = (weights: Float64Array, free: number): Float64Array => {
    const full = new Float64Array((x.columns + 1) * free);
    for (let column = 0; column < x.columns; column++) {
      const target = renumbered[column] as number;
      if (target < 0) continue;
      for (let k = 0; k < free; k++) full[column * free + k] = weights[target * free + k] as number;
    }
    for (let row = 0; row < x.rows; row++) {
      const collapsed = singletonColumn[row] as number;
      if (collapsed < 0) continue;
      const norm = singletonNorm[row] as number;
      for (let p = indptr[row] as number; p < (indptr[row + 1] as number); p++) {
        const column = indices[p] as number;
        if ((renumbered[column] as number) >= 0) continue;
        const scale = (data[p] as number) / norm;
        for (let k = 0; k < free; k++) {
          full[column * free + k] = scale * (weights[collapsed * free + k] as number);
        }
      }
    }
    for (let k = 0; k < free; k++) {
      full[x.columns * free + k] = weights[matrix.columns * free + k] as number;
    }
    return full;
  };
  return { matrix, columns: toCsc(matrix), expand };
}
