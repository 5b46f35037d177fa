import { byteLevelBpe, ENGLISH_MERGES as MERGES, textLikeLogitBias } from '../byte-level-bpe.js';
import { ElemType, OnnxGraph } from '../onnx-graph.js';
import { ModelFiles } from '../model-files.js';
import { SeededRandom } from '../seeded-random.js';
import {
  attention,
  axisLength,
  causalBias,
  linear,
  mergeHeads,
  paddingBias,
  residualMlp,
  splitHeads,
} from '../transformer-blocks.js';

export const GPT2_LAYERS = 2;
export const GPT2_HEADS = 2;
export const GPT2_HIDDEN = 16;
/** Prompt plus new tokens must stay below this: a longer position has no embedding. */
export const GPT2_MAX_POSITIONS = 1024;
export const GPT2_EOS = '<|endoftext|>';

/**
 * A GPT-2-shaped causal LM with a real KV cache, in the exact names transformers.js feeds
 * (`input_ids`, `attention_mask`, `position_ids`, `past_key_values.{i}.key|value`) and reads
 * (`logits`, `present.{i}.key|value`). Left padding works: padded keys are masked out.
 */
export function buildGpt2(seed: number): ModelFiles {
  const random = new SeededRandom(seed);
  const d = GPT2_HIDDEN;
  const heads = GPT2_HEADS;
  const headDim = d / heads;
  const bpe = byteLevelBpe(MERGES, [{ content: GPT2_EOS, id: 256 + MERGES.length }]);
  const eosId = 256 + MERGES.length;
  const vocabSize = eosId + 1;

  const g = new OnnxGraph('tiny-gpt2');
  const inputIds = g.input('input_ids', ElemType.INT64, ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', ElemType.INT64, [
    'batch_size',
    'total_sequence_length',
  ]);
  const positionIds = g.input('position_ids', ElemType.INT64, ['batch_size', 'sequence_length']);

  const wte = g.floats(random.weights(vocabSize * d, 1), [vocabSize, d]);
  const wpe = g.floats(random.weights(GPT2_MAX_POSITIONS * d, 0.3), [GPT2_MAX_POSITIONS, d]);
  let x = g.op('Add', [g.op('Gather', [wte, inputIds]), g.op('Gather', [wpe, positionIds])]);

  const mask = g.op('Add', [
    causalBias(g, axisLength(g, inputIds, 1), axisLength(g, attentionMask, 1)),
    paddingBias(g, attentionMask),
  ]);
  for (let layer = 0; layer < GPT2_LAYERS; layer += 1) {
    const cacheDims = ['batch_size', heads, 'past_sequence_length', headDim];
    const presentDims = ['batch_size', heads, 'total_sequence_length', headDim];
    const pastKey = g.input(`past_key_values.${layer}.key`, ElemType.FLOAT, cacheDims);
    const pastValue = g.input(`past_key_values.${layer}.value`, ElemType.FLOAT, cacheDims);
    const q = splitHeads(g, linear(g, random, x, d, d), heads, headDim);
    const k = g.op('Concat', [pastKey, splitHeads(g, linear(g, random, x, d, d), heads, headDim)], {
      axis: 2,
    });
    const v = g.op(
      'Concat',
      [pastValue, splitHeads(g, linear(g, random, x, d, d), heads, headDim)],
      { axis: 2 },
    );
    g.output(`present.${layer}.key`, k, ElemType.FLOAT, presentDims);
    g.output(`present.${layer}.value`, v, ElemType.FLOAT, presentDims);
    const attended = mergeHeads(g, attention(g, q, k, v, headDim, mask), d);
    x = residualMlp(g, random, g.op('Add', [x, linear(g, random, attended, d, d)]), d);
  }
  // Never end early: every generation runs to max_new_tokens and is never empty.
  const bias = textLikeLogitBias(bpe.vocab, vocabSize);
  bias[eosId] = -20;
  const logits = linear(g, random, x, d, vocabSize, 0.4, bias);
  g.output('logits', logits, ElemType.FLOAT, ['batch_size', 'sequence_length', vocabSize]);

  return new ModelFiles()
    .json('config.json', {
      model_type: 'gpt2',
      architectures: ['GPT2LMHeadModel'],
      vocab_size: vocabSize,
      n_positions: GPT2_MAX_POSITIONS,
      n_ctx: GPT2_MAX_POSITIONS,
      n_embd: d,
      n_layer: GPT2_LAYERS,
      n_head: heads,
      bos_token_id: eosId,
      eos_token_id: eosId,
      use_cache: true,
    })
    .json('generation_config.json', { bos_token_id: eosId, eos_token_id: eosId })
    .json('tokenizer.json', bpe.tokenizerJson)
    .json('tokenizer_config.json', {
      tokenizer_class: 'GPT2Tokenizer',
      bos_token: GPT2_EOS,
      eos_token: GPT2_EOS,
      unk_token: GPT2_EOS,
      model_max_length: GPT2_MAX_POSITIONS,
      add_prefix_space: false,
      clean_up_tokenization_spaces: false,
    })
    .bytes('onnx/model.onnx', g.encode());
}
