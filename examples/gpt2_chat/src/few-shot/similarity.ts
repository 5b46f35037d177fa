/** Word counts of a text, for cosine similarity. */
export function wordCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Cosine similarity of two bags of words, in [0, 1]; 0 when either is empty. */
export function cosineSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [word, n] of a) dot += n * (b.get(word) ?? 0);
  if (dot === 0) return 0;
  const norm = (m: Map<string, number>) =>
    Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  return dot / (norm(a) * norm(b));
}
