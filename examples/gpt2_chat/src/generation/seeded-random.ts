/** A uniform generator in [0, 1): the sampler's only source of randomness. */
export type RandomSource = () => number;

/**
 * A small seeded PRNG (a 32-bit counter scrambled through two multiply-xorshift rounds). Each
 * generation call gets its own instance, so concurrent requests never share random state and a
 * fixed seed gives the same candidates whatever else runs in the process.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 0x1_0000_0000;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), to derive per-task seeds from the base seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
