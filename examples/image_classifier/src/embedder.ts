import { createHash } from 'node:crypto';
import type { ImageFeatureExtractionPipeline, RawImage, Tensor } from '@huggingface/transformers';
import { LsmlError, type DataReader, type Logger, type Task } from '@lsml/core';
import {
  decodeTaskImage,
  InferenceQueue,
  loadPipeline,
  readTaskBytes,
  type ModelSettings,
} from '@lsml/transformers';
import { EmbeddingCache } from './embedding-cache.js';

/**
 * One vector per image from the feature-extraction output: the first token (ViT's CLS token)
 * of `[batch, tokens, dim]` outputs, or the row of `[batch, dim]` ones (CLIP image embeddings),
 * scaled to unit length so images of any brightness weigh the same.
 */
export function embeddingRows(output: Tensor): Float32Array[] {
  const data = output.data as Float32Array;
  const [batch = 0, second = 0, third] = output.dims;
  const stride = third === undefined ? second : second * third;
  const dim = third ?? second;
  return Array.from({ length: batch }, (_, i) => {
    const row = data.slice(i * stride, i * stride + dim);
    const norm = Math.hypot(...row) || 1;
    return row.map((v) => v / norm);
  });
}

/**
 * A task's image ready to embed: its content hash and either the embedding the cache already
 * holds (no decoding needed) or the decoded image.
 */
export type ReadImage = { hash: string } & (
  { embedding: Float32Array; image?: undefined } | { image: RawImage; embedding?: undefined }
);

/** Embeds task images with the feature-extraction model, cached by image content. */
export class Embedder {
  private queue: InferenceQueue<RawImage, Float32Array> | undefined;
  private readonly cache: EmbeddingCache;

  constructor(
    readonly settings: ModelSettings,
    cacheSize: number,
    private readonly log: Logger,
  ) {
    this.cache = new EmbeddingCache(cacheSize);
  }

  load(): Promise<ImageFeatureExtractionPipeline> {
    return loadPipeline('image-feature-extraction', this.settings, this.log);
  }

  /**
   * Reads and hashes a task's image, decoding it only when its embedding is not cached.
   * Throws naming the task when the image cannot be read or is not an image.
   */
  async read(
    task: Task,
    dataKey: string,
    readData: DataReader,
    signal?: AbortSignal,
  ): Promise<ReadImage> {
    const bytes = await readTaskBytes(task, dataKey, readData, signal);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const embedding = this.cache.get(hash);
    if (embedding) return { hash, embedding };
    return { hash, image: await decodeTaskImage(task, dataKey, bytes) };
  }

  /**
   * The embedding of each image, in order, and how many went through the model: each distinct
   * image not cached once, in shared batches.
   */
  async embed(
    images: readonly ReadImage[],
    signal?: AbortSignal,
  ): Promise<{ embeddings: Float32Array[]; embedded: number }> {
    const fresh = new Map<string, RawImage>();
    for (const { hash, image } of images) if (image) fresh.set(hash, image);
    this.queue ??= new InferenceQueue({
      batchSize: this.settings.batchSize,
      concurrency: this.settings.concurrency,
      run: async (batch) => embeddingRows(await (await this.load())(batch)),
    });
    const vectors = await this.queue.runAll([...fresh.values()], signal);
    const computed = new Map([...fresh.keys()].map((hash, i) => [hash, vectors[i]]));
    for (const [hash, vector] of computed) if (vector) this.cache.set(hash, vector);
    const embeddings = images.map((read) => {
      const vector = read.embedding ?? computed.get(read.hash);
      if (!vector) throw new LsmlError('INTERNAL', `no embedding for image ${read.hash}`);
      return vector;
    });
    return { embeddings, embedded: fresh.size };
  }
}
