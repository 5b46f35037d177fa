import { LogitsProcessor, type Tensor } from '@huggingface/transformers';
import { pickToken, softmaxProbability, type SamplingOptions } from './pick-token.js';
import type { RandomSource } from './seeded-random.js';

/** What one generated row said, and how sure the model was of each of its tokens. */
export interface SampledRow {
  tokens: number[];
  /** Model probability (softmax of the raw logits) of each token in `tokens`. */
  probabilities: number[];
}

/**
 * A transformers.js logits processor that does the sampling itself, run with `do_sample: false`:
 * it draws each row's next token with its own seeded generator and masks every other logit, so
 * the greedy step that follows picks exactly that token. Why not transformers.js's sampler:
 * it reads a process-wide generator (concurrent requests would interleave draws and break
 * reproducibility), ignores `top_p`, and does not return token probabilities.
 *
 * A row ends at its first stop token (end of text, or a line break: the next speaker's turn);
 * afterwards it is fed `endToken` so generation stops once every row has ended.
 */
export class SeededSampler extends LogitsProcessor {
  readonly rows: SampledRow[] = [];
  private readonly finished: boolean[] = [];

  constructor(
    private readonly options: SamplingOptions,
    private readonly random: RandomSource,
    private readonly stopTokens: ReadonlySet<number>,
    private readonly endToken: number,
  ) {
    super();
  }

  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const data = logits.data as Float32Array;
    const vocab = logits.dims.at(-1) ?? data.length;
    for (let b = 0; b * vocab < data.length; b += 1) {
      const row = data.subarray(b * vocab, (b + 1) * vocab);
      const sampled = (this.rows[b] ??= { tokens: [], probabilities: [] });
      let chosen = this.endToken;
      if (this.finished[b] !== true) {
        // No stop token first: an empty reply is never a useful candidate.
        const banned = sampled.tokens.length === 0 ? this.stopTokens : undefined;
        chosen = pickToken(row, this.options, this.random, banned);
        if (this.stopTokens.has(chosen)) this.finished[b] = true;
        else {
          sampled.tokens.push(chosen);
          sampled.probabilities.push(softmaxProbability(row, chosen));
        }
      }
      row.fill(-Infinity);
      row[chosen] = 0;
    }
    return logits;
  }
}
