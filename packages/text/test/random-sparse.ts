import { CsrBuilder, type CsrMatrix } from '../src/sparse/sparse-matrix.js';

/** A small seeded PRNG (mulberry32): tests get the same "random" data on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `rows × columns` matrix with about `density` of its cells set to values in (-1, 1). */
export function randomCsr(rows: number, columns: number, density: number, seed: number): CsrMatrix {
  const random = seededRandom(seed);
  const builder = new CsrBuilder();
  for (let row = 0; row < rows; row++) {
    const cols: number[] = [];
    const values: number[] = [];
    for (let column = 0; column < columns; column++) {
      if (random() < density) {
        cols.push(column);
        values.push(random() * 2 - 1);
      }
    }
    builder.appendRow(cols, values, cols.length);
  }
  return builder.build(columns);
}
