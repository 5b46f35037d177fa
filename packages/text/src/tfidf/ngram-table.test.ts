import { describe, expect, it } from 'vitest';
import { NgramTable } from './ngram-table.js';

const ids = (...values: number[]) => Int32Array.from(values);

describe('NgramTable', () => {
  it('numbers n-grams in order of arrival and finds them again', () => {
    const table = new NgramTable(3);
    expect(table.getOrAdd(ids(7), 0, 1)).toBe(0);
    expect(table.getOrAdd(ids(7, 8), 0, 2)).toBe(1);
    expect(table.getOrAdd(ids(1, 7, 8, 9), 1, 3)).toBe(2);
    expect(table.getOrAdd(ids(7, 8), 0, 2)).toBe(1);
    expect(table.get(ids(0, 7, 8), 1, 2)).toBe(1);
    expect(table.size).toBe(3);
  });

  it('tells a unigram from the bigram that starts with it', () => {
    const table = new NgramTable(2);
    table.getOrAdd(ids(5, 6), 0, 2);
    expect(table.get(ids(5), 0, 1)).toBe(-1);
    expect(table.get(ids(6, 5), 0, 2)).toBe(-1);
    expect(Array.from(table.keyOf(0))).toEqual([5, 6]);
  });

  it('keeps every entry through growth and rebuilds from its keys', () => {
    const table = new NgramTable(2, 4);
    for (let a = 0; a < 300; a++) {
      expect(table.getOrAdd(ids(a), 0, 1)).toBe(2 * a);
      expect(table.getOrAdd(ids(a, a + 1), 0, 2)).toBe(2 * a + 1);
    }
    const rebuilt = NgramTable.fromKeys(2, table.toKeys());
    expect(rebuilt.size).toBe(600);
    for (let a = 0; a < 300; a++) {
      expect(rebuilt.get(ids(a), 0, 1)).toBe(2 * a);
      expect(rebuilt.get(ids(a, a + 1), 0, 2)).toBe(2 * a + 1);
    }
    expect(rebuilt.get(ids(1, 0), 0, 2)).toBe(-1);
  });
});
