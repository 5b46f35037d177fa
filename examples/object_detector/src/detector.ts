import {
  cat,
  type ObjectDetectionPipeline,
  type RawImage,
  type Tensor,
} from '@huggingface/transformers';
import type { Logger } from '@lsml/core';
import { InferenceQueue, loadPipeline, type ModelSettings } from '@lsml/transformers';

/** One detection; the box is in fractions of the image (0–1), not yet clamped. */
export interface Detection {
  label: string;
  score: number;
  box: { xmin: number; ymin: number; xmax: number; ymax: number };
}

/** The parts of the pipeline a batched call needs (the pipeline's own call takes one image). */
interface DetectionParts {
  processor: (images: RawImage[]) => Promise<Record<string, Tensor | undefined>>;
  postProcess: (
    outputs: unknown,
    threshold: number,
  ) => { boxes: number[][]; classes: number[]; scores: number[] }[];
  model: (inputs: Record<string, Tensor>) => Promise<unknown>;
  id2label: Record<string, string>;
}

function partsOf(pipe: ObjectDetectionPipeline): DetectionParts {
  const processor = pipe.processor as unknown as DetectionParts['processor'] & {
    image_processor: { post_process_object_detection: DetectionParts['postProcess'] };
  };
  const model = pipe.model as unknown as DetectionParts['model'] & {
    config: { id2label?: Record<string, string> };
  };
  return {
    processor: (images) => processor(images),
    postProcess: (outputs, threshold) =>
      processor.image_processor.post_process_object_detection(outputs, threshold),
    model: (inputs) => model(inputs),
    id2label: model.config.id2label ?? {},
  };
}

/**
 * The object detection model of this process: loaded once, called through a shared queue so
 * several images go through the network in one call. transformers.js's object-detection
 * pipeline accepts one image per call, so batches are built here from its processor and
 * model; images whose preprocessed size differs (DETR keeps the aspect ratio) run as
 * separate sub-batches.
 */
export class Detector {
  private queue: InferenceQueue<RawImage, Detection[]> | undefined;

  constructor(
    readonly settings: ModelSettings,
    /** Detections below this never leave the model call; callers filter further. */
    private readonly minScore: number,
    private readonly log: Logger,
  ) {}

  load(): Promise<ObjectDetectionPipeline> {
    return loadPipeline('object-detection', this.settings, this.log);
  }

  /** Detections per image, best first, each with score ≥ the detector's floor. */
  detect(images: readonly RawImage[], signal?: AbortSignal): Promise<Detection[][]> {
    this.queue ??= new InferenceQueue({
      batchSize: this.settings.batchSize,
      concurrency: this.settings.concurrency,
      run: (batch) => this.detectBatch(batch),
    });
    return this.queue.runAll(images, signal);
  }

  get stats() {
    return this.queue?.stats ?? { calls: 0, items: 0, modelMs: 0 };
  }

  private async detectBatch(images: RawImage[]): Promise<Detection[][]> {
    const parts = partsOf(await this.load());
    const inputs = await Promise.all(images.map((image) => parts.processor([image])));
    const results = new Array<Detection[]>(images.length);
    for (const indices of groupBySize(inputs)) {
      const group = indices.map((i) => inputs[i] ?? {});
      const outputs = await parts.model(concatInputs(group));
      parts.postProcess(outputs, this.minScore).forEach((found, k) => {
        const detections = found.boxes.map((box, j) => ({
          label: parts.id2label[String(found.classes[j])] ?? String(found.classes[j]),
          score: found.scores[j] ?? 0,
          box: { xmin: box[0] ?? 0, ymin: box[1] ?? 0, xmax: box[2] ?? 0, ymax: box[3] ?? 0 },
        }));
        results[indices[k] ?? 0] = detections.sort((a, b) => b.score - a.score);
      });
    }
    return results;
  }
}

/** Indices of inputs whose pixel tensors have the same shape, so they can be stacked. */
function groupBySize(inputs: Record<string, Tensor | undefined>[]): number[][] {
  const groups = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const key = input.pixel_values?.dims.join('x') ?? '';
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()];
}

/** Concatenates every model input (pixel_values, pixel_mask, …) along the batch axis. */
function concatInputs(group: Record<string, Tensor | undefined>[]): Record<string, Tensor> {
  const first = group[0] ?? {};
  const inputs: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(first)) {
    if (!tensor || typeof tensor !== 'object' || !('dims' in tensor)) continue;
    inputs[name] =
      group.length === 1
        ? tensor
        : cat(
            group.map((g) => g[name] as Tensor),
            0,
          );
  }
  return inputs;
}
