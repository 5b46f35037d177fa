import { createHash } from 'node:crypto';
import type { ImageFeatureExtractionPipeline, RawImage, Tensor } from '@huggingface/transformers';
import type { DataReader, Logger, Task } from '@lsml/core';
import {
  decodeTaskImage,
  InferenceQueue,
  loadPipeline,
  mapLimited,
  readTaskBytes,
  type ModelSettings,
} from '@lsml/transformers';
import { EmbeddingCache } from './embedding-cache.js';

/** Task images read at once (each may be a fetch from Label Studio). */
const READ_CONCURRENCY = 8;

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

  get stats() {
    return {
      ...(this.queue?.stats ?? { calls: 0, items: 0, modelMs: 0 }),
      cached: this.cache.size,
    };
  }

  /**
   * The embedding of each task's image, in order. With `skipUnreadable`, a task whose image
   * cannot be read or decoded gets `undefined` (and a warning naming it) instead of failing
   * the call: one broken upload must not stop training, or a batch's predictions.
   */
  async embedTasks(
    tasks: readonly Task[],
    dataKey: string,
    readData: DataReader,
    options: { signal?: AbortSignal; skipUnreadable?: boolean; log?: Logger } = {},
  ): Promise<(Float32Array | undefined)[]> {
    const { signal, skipUnreadable = false, log = this.log } = options;
    const guard = async <T>(task: Task, step: () => Promise<T>): Promise<T | undefined> => {
      if (!skipUnreadable) return step();
      try {
        return await step();
      } catch (error) {
        if (signal?.aborted === true) throw error;
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ task: task.id, err: error }, `skipping an unreadable image: ${message}`);
        return undefined;
      }
    };

    const hashes = await mapLimited(tasks, READ_CONCURRENCY, (task) =>
      guard(task, async () => {
        const bytes = await readTaskBytes(task, dataKey, readData, signal);
        const hash = createHash('sha256').update(bytes).digest('hex');
        return { hash, bytes };
      }),
    );
    const misses = new Map<string, { task: Task; bytes: Buffer }>();
    hashes.forEach((entry, i) => {
      const task = tasks[i];
      if (entry && task && !this.cache.get(entry.hash))
        misses.set(entry.hash, { task, bytes: entry.bytes });
    });
    const decoded = await Promise.all(
      [...misses].map(async ([hash, { task, bytes }]) => {
        const image = await guard(task, () => decodeTaskImage(task, dataKey, bytes));
        return image && { hash, image };
      }),
    );
    const toEmbed = decoded.filter((d) => d !== undefined);
    const vectors = await this.embedImages(
      toEmbed.map((d) => d.image),
      signal,
    );
    toEmbed.forEach((d, i) => {
      const vector = vectors[i];
      if (vector) this.cache.set(d.hash, vector);
    });
    const fresh = new Map(toEmbed.map((d, i) => [d.hash, vectors[i]]));
    return hashes.map((entry) => entry && (this.cache.get(entry.hash) ?? fresh.get(entry.hash)));
  }

  /** Embeds decoded images through the shared, batched queue. */
  embedImages(images: readonly RawImage[], signal?: AbortSignal): Promise<Float32Array[]> {
    this.queue ??= new InferenceQueue({
      batchSize: this.settings.batchSize,
      concurrency: this.settings.concurrency,
      run: async (batch) => embeddingRows(await (await this.load())(batch)),
    });
    return this.queue.runAll(images, signal);
  }
}
