/**
 * Deterministic choices for example answers: a generator seeded by the task id (FNV-1a), so
 * the same task always gets the same answer, in every process.
 */
export interface Dice {
  /** A whole number in [0, n). */
  below(n: number): number;
  /** A whole number in [min, max]. */
  between(min: number, max: number): number;
}

export function diceFor(taskId: string | number, seed = 0): Dice {
  let state = 0x811c9dc5 ^ seed;
  for (const ch of String(taskId)) state = Math.imul(state ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  // mulberry32: tiny, fast and well mixed; plenty for picking labels and boxes.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => (n <= 0 ? 0 : Math.floor(next() * n));
  return { below, between: (min, max) => min + below(max - min + 1) };
}
