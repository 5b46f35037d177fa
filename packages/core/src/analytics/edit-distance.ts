/** Texts are compared on their first characters only: the distance is quadratic in length. */
const MAX_COMPARED = 10_000;

/** Whitespace runs count as one space, leading and trailing whitespace not at all. */
export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Levenshtein distance divided by the longer text's length: 0 for equal texts, 1 when nothing
 * is shared. Texts are whitespace-normalized first.
 *
 * @example
 * normalizedEditDistance('hello world', 'hello  world'); // 0
 * normalizedEditDistance('cat', 'cut'); // 1/3
 */
export function normalizedEditDistance(a: string, b: string): number {
  const s = normalizeText(a).slice(0, MAX_COMPARED);
  const t = normalizeText(b).slice(0, MAX_COMPARED);
  const longest = Math.max(s.length, t.length);
  if (longest === 0) return 0;
  let previous = new Uint32Array(t.length + 1).map((_, j) => j);
  let current = new Uint32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return (previous[t.length] ?? 0) / longest;
}
