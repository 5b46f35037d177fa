import type { RandomSource } from './seeded-random.js';

/** How the next token is drawn. `temperature` 0 means greedy. */
export interface SamplingOptions {
  temperature: number;
  /** Keep only the `topK` most likely tokens; 0 keeps all. */
  topK: number;
  /** Keep the smallest set of tokens whose probability sums to `topP` (nucleus); 1 keeps all. */
  topP: number;
}

/** Index of the largest finite value of `row`, skipping `banned`. */
export function argmax(row: Float32Array, banned: ReadonlySet<number> = new Set()): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < row.length; i += 1) {
    const v = row[i] ?? -Infinity;
    if (v > bestValue && !banned.has(i)) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** Probability of `token` under softmax(`row`): the model's own confidence in it. */
export function softmaxProbability(row: Float32Array, token: number): number {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  return Math.exp((row[token] ?? -Infinity) - max) / sum;
}

/** Indices of the `k` largest logits, largest first (k ≥ length keeps all). */
function topIndices(row: Float32Array, k: number, banned: ReadonlySet<number>): number[] {
  const all: number[] = [];
  for (let i = 0; i < row.length; i += 1) {
    if (!banned.has(i) && Number.isFinite(row[i])) all.push(i);
  }
  if (k <= 0 || k >= all.length) return all.sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0));
  // A bounded sorted buffer: one pass over the vocabulary, cheap for the usual k ≤ 100.
  const kept: number[] = [];
  for (const i of all) {
    const v = row[i] ?? -Infinity;
    if (kept.length === k && v <= (row[kept[k - 1] ?? 0] ?? -Infinity)) continue;
    let at = kept.length;
    while (at > 0 && (row[kept[at - 1] ?? 0] ?? -Infinity) < v) at -= 1;
    kept.splice(at, 0, i);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/**
 * Draws the next token from one row of logits with temperature, top-k and top-p, using `random`.
 * transformers.js ignores `top_p` and samples from a process-wide generator, so lsml samples
 * itself (see SeededSampler).
 */
export function pickToken(
  row: Float32Array,
  options: SamplingOptions,
  random: RandomSource,
  banned: ReadonlySet<number> = new Set(),
): number {
  if (options.temperature <= 0) return argmax(row, banned);
  const candidates = topIndices(row, options.topK, banned);
  const first = candidates[0];
  if (first === undefined) return argmax(row);
  const top = (row[first] ?? 0) / options.temperature;
  const weights = candidates.map((i) =>
    Math.exp((row[i] ?? -Infinity) / options.temperature - top),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  // Nucleus: candidates are sorted by probability, so cut after the cumulative mass reaches top-p.
  let kept = candidates.length;
  if (options.topP < 1) {
    let mass = 0;
    for (let n = 0; n < weights.length; n += 1) {
      mass += (weights[n] ?? 0) / total;
      if (mass >= options.topP) {
        kept = n + 1;
        break;
      }
    }
  }
  const keptTotal = weights.slice(0, kept).reduce((a, b) => a + b, 0);
  let draw = random() * keptTotal;
  for (let n = 0; n < kept; n += 1) {
    draw -= weights[n] ?? 0;
    if (draw < 0) return candidates[n] ?? first;
  }
  return candidates[kept - 1] ?? first;
}
