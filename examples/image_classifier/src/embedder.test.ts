import { Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { embeddingRows } from './embedder.js';
import { EmbeddingCache } from './embedding-cache.js';

const rounded = (rows: Float32Array[]) =>
  rows.map((row) => Array.from(row, (v) => Math.round(v * 1000) / 1000));

describe('embeddingRows', () => {
  it('takes the first token of [batch, tokens, dim] outputs, unit length', () => {
    const output = new Tensor('float32', Float32Array.from([3, 4, 9, 9, 0, 2, 9, 9]), [2, 2, 2]);
    expect(rounded(embeddingRows(output))).toEqual([
      [0.6, 0.8],
      [0, 1],
    ]);
  });

  it('takes rows of [batch, dim] outputs', () => {
    const output = new Tensor('float32', Float32Array.from([0, 5, 6, 8]), [2, 2]);
    expect(rounded(embeddingRows(output))).toEqual([
      [0, 1],
      [0.6, 0.8],
    ]);
  });
});

describe('EmbeddingCache', () => {
  it('drops the least recently used entry past its capacity', () => {
    const cache = new EmbeddingCache(2);
    cache.set('a', new Float32Array([1]));
    cache.set('b', new Float32Array([2]));
    cache.get('a');
    cache.set('c', new Float32Array([3]));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((v) => v?.[0])).toEqual([
      1,
      undefined,
      3,
    ]);
  });
});
