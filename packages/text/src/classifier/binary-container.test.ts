import { describe, expect, it } from 'vitest';
import { packBlobs, unpackBlobs } from './binary-container.js';

describe('packBlobs / unpackBlobs', () => {
  it('round-trips a header and typed arrays', () => {
    const bytes = packBlobs(
      { name: 'x', list: [1, 2] },
      {
        text: new TextEncoder().encode('héllo'),
        ints: Int32Array.of(-1, 2, 3),
        floats: Float32Array.of(0.5, -2.25),
      },
    );
    // Read back from an unaligned view, as a Buffer slice can be.
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    const { header, blob } = unpackBlobs(shifted.subarray(1));
    expect(header).toMatchObject({ name: 'x', list: [1, 2] });
    expect(new TextDecoder().decode(blob('text'))).toBe('héllo');
    expect(Array.from(new Int32Array(blob('ints')))).toEqual([-1, 2, 3]);
    expect(Array.from(new Float32Array(blob('floats')))).toEqual([0.5, -2.25]);
    expect(() => blob('missing')).toThrow(/no blob "missing"/);
  });

  it('rejects other files and truncated ones', () => {
    expect(() => unpackBlobs(new TextEncoder().encode('{"json": true}'))).toThrow(/not an lsml/);
    const bytes = packBlobs({}, { data: new Float32Array(100) });
    const { blob } = unpackBlobs(bytes.subarray(0, bytes.byteLength - 8));
    expect(() => blob('data')).toThrow(/truncated/);
  });
});
