/**
 * Embeddings by image content hash, least recently used dropped first. Retraining reads every
 * annotated image again, but only images it has never seen go through the network, so a new
 * annotation costs one embedding and the head's training (milliseconds).
 */
export class EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly capacity: number) {}

  get(hash: string): Float32Array | undefined {
    const hit = this.entries.get(hash);
    if (hit) {
      // Re-insert so Map order tracks recency.
      this.entries.delete(hash);
      this.entries.set(hash, hit);
    }
    return hit;
  }

  set(hash: string, embedding: Float32Array): void {
    if (this.capacity === 0) return;
    this.entries.delete(hash);
    this.entries.set(hash, embedding);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
