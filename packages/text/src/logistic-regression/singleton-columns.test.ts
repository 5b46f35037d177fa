import { describe, expect, it } from 'vitest';
import { collapseSingletonColumns } from './singleton-columns.js';
import { CsrBuilder, toCsc } from '../sparse/sparse-matrix.js';

describe('collapseSingletonColumns', () => {
  it('folds the columns seen in one row into one column per row, and expands back', () => {
    const builder = new CsrBuilder();
    builder.appendRow([0, 1, 2], [1, 3, 4], 3); // columns 1 and 2 only in row 0
    builder.appendRow([0, 3], [2, 1], 2); // column 3 only in row 1
    const { matrix, columns, expand } = collapseSingletonColumns(builder.build(4));
    expect(matrix.columns).toBe(3); // shared column 0, then one per row
    expect(columns).toEqual(toCsc(matrix));
    expect(Array.from(matrix.indices)).toEqual([0, 1, 0, 2]);
    expect(Array.from(matrix.data)).toEqual([1, 5, 2, 1]); // 5 = ‖(3, 4)‖
    // Collapsed weights (one class): w0 = 0.5, row-0 column 10, row-1 column -2, intercept 7.
    const full = expand(Float64Array.of(0.5, 10, -2, 7), 1);
    expect(Array.from(full)).toEqual([0.5, (3 / 5) * 10, (4 / 5) * 10, -2, 7]);
  });

  it('leaves a matrix without singleton columns as it is', () => {
    const builder = new CsrBuilder();
    builder.appendRow([0], [1], 1);
    builder.appendRow([0], [2], 1);
    const x = builder.build(1);
    const { matrix, columns, expand } = collapseSingletonColumns(x);
    expect(matrix).toBe(x);
    expect(columns).toEqual(toCsc(x));
    const weights = Float64Array.of(1, 2);
    expect(expand(weights, 1)).toBe(weights);
  });
});
