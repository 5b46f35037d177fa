import { describe, expect, it } from 'vitest';
import { randomCsr } from '../../test/random-sparse.js';
import { toCsc, type CscMatrix, type CsrMatrix } from './sparse-matrix.js';

function denseOfCsr(x: CsrMatrix): number[][] {
  const dense = Array.from({ length: x.rows }, () => new Array<number>(x.columns).fill(0));
  for (let row = 0; row < x.rows; row++) {
    for (let p = x.indptr[row]!; p < x.indptr[row + 1]!; p++)
      dense[row]![x.indices[p]!] = x.data[p]!;
  }
  return dense;
}

function denseOfCsc(x: CscMatrix): number[][] {
  const dense = Array.from({ length: x.rows }, () => new Array<number>(x.columns).fill(0));
  for (let column = 0; column < x.columns; column++) {
    for (let p = x.colptr[column]!; p < x.colptr[column + 1]!; p++) {
      dense[x.rowIndices[p]!]![column] = x.data[p]!;
    }
  }
  return dense;
}

describe('toCsc', () => {
  it('holds the same entries, each column listing its rows in increasing order', () => {
    const x = randomCsr(25, 40, 0.15, 3);
    const columns = toCsc(x);
    expect(denseOfCsc(columns)).toEqual(denseOfCsr(x));
    expect(columns.colptr[columns.columns]).toBe(x.indices.length);
    for (let column = 0; column < columns.columns; column++) {
      const rows = Array.from(
        columns.rowIndices.subarray(columns.colptr[column], columns.colptr[column + 1]),
      );
      expect(rows).toEqual([...rows].sort((a, b) => a - b));
    }
  });

  it('keeps empty rows and columns', () => {
    const x = randomCsr(6, 5, 0, 1);
    const columns = toCsc(x);
    expect(columns.rows).toBe(6);
    expect(Array.from(columns.colptr)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
