import { LogitsProcessor, LogitsProcessorList, type Tensor } from '@huggingface/transformers';

/**
 * Records the model probability of each token a greedy decoder emits, for a transcription
 * score. It sees the logits at step t and, at step t+1, which token was appended; a shorter
 * sequence than expected means a new `generate` call (the next audio window) began.
 * It changes nothing.
 */
export class TokenProbabilityRecorder extends LogitsProcessor {
  readonly probabilities: number[] = [];
  private previous: { logits: Float32Array; length: number }[] = [];

  override _call(inputIds: bigint[][], logits: Tensor): Tensor {
    const data = logits.data as Float32Array;
    const vocab = logits.dims.at(-1) ?? data.length;
    inputIds.forEach((ids, b) => {
      const before = this.previous[b];
      const token = ids.at(-1);
      if (before && token !== undefined && ids.length === before.length + 1) {
        this.probabilities.push(probabilityOf(before.logits, Number(token)));
      }
      this.previous[b] = { logits: data.slice(b * vocab, (b + 1) * vocab), length: ids.length };
    });
    return logits;
  }

  /** Mean recorded probability, or undefined when nothing was generated. */
  mean(): number | undefined {
    if (this.probabilities.length === 0) return undefined;
    return this.probabilities.reduce((a, b) => a + b, 0) / this.probabilities.length;
  }
}

function probabilityOf(row: Float32Array, token: number): number {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  if (!Number.isFinite(max)) return 0;
  let sum = 0;
  for (const v of row) sum += Math.exp(v - max);
  return Math.exp((row[token] ?? -Infinity) - max) / sum;
}

/**
 * A processor list that keeps one processor per class. The ASR pipeline hands the same list to
 * `generate` for every audio window, and Whisper's `generate` pushes its own processors onto
 * it each time; without this the list would grow by a copy per window.
 */
export class OnePerClassProcessorList extends LogitsProcessorList {
  override push(item: LogitsProcessor): void {
    const list = this as unknown as { processors: unknown[] };
    if (list.processors.some((p) => (p as object).constructor === item.constructor)) return;
    super.push(item);
  }
}
