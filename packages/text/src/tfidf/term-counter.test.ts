import { describe, expect, it } from 'vitest';
import { TermCounter } from './term-counter.js';

describe('TermCounter', () => {
  it('counts each row in order of first occurrence, and starts afresh after build', () => {
    const counter = new TermCounter();
    for (const column of [5, 2, 5, 5]) counter.add(column);
    counter.endRow();
    counter.endRow(); // an empty document
    for (const column of [2, 70_000, 2]) counter.add(column);
    counter.endRow();
    const matrix = counter.build(70_001);
    expect(Array.from(matrix.indptr)).toEqual([0, 2, 2, 4]);
    expect(Array.from(matrix.indices)).toEqual([5, 2, 2, 70_000]);
    expect(Array.from(matrix.data)).toEqual([3, 1, 2, 1]);

    counter.add(2);
    counter.endRow();
    const next = counter.build(3);
    expect(Array.from(next.indptr)).toEqual([0, 1]);
    expect(Array.from(next.data)).toEqual([1]);
  });

  it('grows past its initial room for entries and rows', () => {
    const counter = new TermCounter();
    for (let row = 0; row < 3000; row++) {
      for (let column = 0; column < 40; column++) counter.add(column * 7);
      counter.endRow();
    }
    const matrix = counter.build(280);
    expect(matrix.rows).toBe(3000);
    expect(matrix.indices.length).toBe(120_000);
    expect(matrix.data.every((count) => count === 1)).toBe(true);
  });
});
