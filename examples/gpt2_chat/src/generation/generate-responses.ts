import {
  LogitsProcessorList,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { SamplingOptions } from './pick-token.js';
import { seededRandom } from './seeded-random.js';
import { SeededSampler } from './seeded-sampler.js';
import { stopTokensOf } from './stop-tokens.js';

/** The two halves of a loaded text-generation pipeline that generation needs. */
export interface LanguageModel {
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
}

export interface GenerationRequest extends SamplingOptions {
  prompt: string;
  /** How many candidates to sample (one batched model call). */
  count: number;
  maxNewTokens: number;
  seed: number;
}

/** One sampled reply. */
export interface Candidate {
  text: string;
  /** Mean model probability of the reply's tokens (0 when it has none). */
  meanProbability: number;
  tokenCount: number;
}

/**
 * Samples `count` continuations of `prompt`, each cut at the end of the speaker's line, in one
 * batched call (the prompt repeated, so no padding is needed). Same request, same seed, same
 * candidates.
 */
export async function generateResponses(
  lm: LanguageModel,
  request: GenerationRequest,
): Promise<Candidate[]> {
  const ids = lm.tokenizer.encode(request.prompt, { add_special_tokens: false });
  const rows = request.count;
  const inputIds = new Tensor(
    'int64',
    BigInt64Array.from({ length: rows * ids.length }, (_, i) => BigInt(ids[i % ids.length] ?? 0)),
    [rows, ids.length],
  );
  const attentionMask = new Tensor('int64', new BigInt64Array(rows * ids.length).fill(1n), [
    rows,
    ids.length,
  ]);
  const { stop, end } = stopTokensOf(lm);
  const sampler = new SeededSampler(request, seededRandom(request.seed), stop, end);
  const processors = new LogitsProcessorList();
  processors.push(sampler);
  await lm.model.generate({
    input_ids: inputIds,
    attention_mask: attentionMask,
    max_new_tokens: request.maxNewTokens,
    do_sample: false,
    logits_processor: processors,
  });
  return Array.from({ length: rows }, (_, b): Candidate => {
    const row = sampler.rows[b] ?? { tokens: [], probabilities: [] };
    const sum = row.probabilities.reduce((a, p) => a + p, 0);
    return {
      text: lm.tokenizer.decode(row.tokens, { skip_special_tokens: true }).trim(),
      meanProbability: row.tokens.length > 0 ? sum / row.tokens.length : 0,
      tokenCount: row.tokens.length,
    };
  });
}
