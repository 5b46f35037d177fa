import { textLikeLogitBias } from '../byte-level-bpe.js';
import { ElemType, OnnxGraph } from '../onnx-graph.js';
import type { SeededRandom } from '../seeded-random.js';
import {
  attention,
  axisLength,
  causalBias,
  linear,
  mergeHeads,
  residualMlp,
  splitHeads,
} from '../transformer-blocks.js';
import type { WhisperVocabulary } from './whisper-vocabulary.js';
import {
  WHISPER_D_MODEL as D,
  WHISPER_DECODER_LAYERS,
  WHISPER_DECODER_POSITIONS,
  WHISPER_HEADS as HEADS,
} from './whisper-shape.js';

const HEAD_DIM = D / HEADS;
/**
 * The decoder's fixed rhythm, in positions p of the logits (which choose token p + 1): when p
 * mod 6 = 2 a timestamp is offered, the one nearest 0.08·p seconds, and at p = 21 the text ends.
 * The pipeline's timestamp rules do the rest (the first token must be a timestamp, and a
 * timestamp after text must be followed by another). With `return_timestamps: true` that gives
 * `<|0.16|> text <|0.64|><|0.72|> text <|1.12|><|1.20|> text <|1.60|> <|endoftext|>`, i.e.
 * segments [0.16, 0.64], [0.72, 1.12] and [1.20, 1.60] s; without, 18 text tokens.
 */
const SEGMENT_PERIOD = 6;
const TIMESTAMP_PHASE = 2;
const TIMESTAMPS_PER_POSITION = 4;
const END_POSITION = 21;

/**
 * Timestamp and end-of-text logits that follow the rhythm above, added to the model's logits.
 * Timestamps are only offered when the prompt has no `<|notimestamps|>`: layer 0 writes "this
 * token is `<|notimestamps|>`" into one value channel of its KV cache, so every later step can
 * read it back from the cache with a ReduceMax over time.
 */
function scheduledLogits(
  g: OnnxGraph,
  vocab: WhisperVocabulary,
  positions: string,
  noTimestampsFlag: string,
): string {
  const isTimestamp = new Float32Array(vocab.size);
  const timestampIndex = new Float32Array(vocab.size);
  const endOfText = new Float32Array(vocab.size);
  for (let j = 0; j < vocab.timestampCount; j += 1) {
    isTimestamp[vocab.firstTimestamp + j] = 1;
    timestampIndex[vocab.firstTimestamp + j] = j;
  }
  endOfText[vocab.id('<|endoftext|>')] = 1;

  const p = g.op('Cast', [positions], { to: ElemType.FLOAT }); // [S]
  const phase = g.op('Mod', [positions, g.int64s([SEGMENT_PERIOD], [])]);
  const inSlot = g.op('Equal', [phase, g.int64s([TIMESTAMP_PHASE], [])]);
  const slotOpen = g.op('Cast', [inSlot], { to: ElemType.FLOAT }); // [S]
  // [B, S]: +40 in a slot when timestamps are wanted, else 0.
  const wanted = g.op('Sub', [g.floats([1], [1]), noTimestampsFlag]); // [B, 1]
  const boost = g.op('Mul', [
    g.op('Mul', [g.op('Unsqueeze', [slotOpen, g.int64s([0])]), wanted]),
    g.floats([40], [1]),
  ]);
  // −½(j − 4p)², the nearest timestamp to 0.08·p s wins: −½j² + 4jp − 8p², per [S, V].
  const column = g.op('Unsqueeze', [p, g.int64s([1])]); // [S, 1]
  const quadratic = g.op('Add', [
    g.op('Mul', [
      column,
      g.floats(
        timestampIndex.map((j) => TIMESTAMPS_PER_POSITION * j),
        [vocab.size],
      ),
    ]),
    g.op('Mul', [
      g.op('Mul', [
        g.op('Mul', [column, column]),
        g.floats([-(TIMESTAMPS_PER_POSITION ** 2) / 2], [1]),
      ]),
      g.floats(isTimestamp, [vocab.size]),
    ]),
  ]);
  const timestampLogits = g.op('Add', [
    g.op('Mul', [g.op('Unsqueeze', [boost, g.int64s([2])]), g.floats(isTimestamp, [vocab.size])]),
    quadratic,
  ]); // [B, S, V]
  const atEnd = g.op('Cast', [g.op('Equal', [positions, g.int64s([END_POSITION], [])])], {
    to: ElemType.FLOAT,
  });
  const endLogits = g.op('Mul', [
    g.op('Unsqueeze', [atEnd, g.int64s([1])]),
    g.floats(
      endOfText.map((e) => e * 100),
      [vocab.size],
    ),
  ]); // [S, V]
  return g.op('Add', [timestampLogits, endLogits]);
}

/**
 * The logits' constant part: text-like letters; specials never; timestamps' −½j² term. Outside
 * the schedule `<|endoftext|>` stays below the nearest timestamp, so a timestamp that closes a
 * segment is followed by the next segment's start rather than by the end.
 */
function outputBias(vocab: WhisperVocabulary): Float32Array {
  const bias = textLikeLogitBias(vocab.textVocab, vocab.size);
  bias.fill(-20, vocab.textVocab.size);
  bias[vocab.id('<|endoftext|>')] = -30;
  for (let j = 0; j < vocab.timestampCount; j += 1)
    bias[vocab.firstTimestamp + j] = -20 - (j * j) / 2;
  return bias;
}

/**
 * The merged decoder (`decoder_model_merged.onnx`) with a self-attention KV cache. Cross-attention
 * keys/values are recomputed from `encoder_hidden_states` at every step, so the graph needs no
 * `If` on `use_cache_branch`: transformers.js keeps the first step's `present.*.encoder.*`
 * anyway, and the past-encoder inputs are declared (the runtime feeds them) but unused.
 */
export function buildWhisperDecoder(random: SeededRandom, vocab: WhisperVocabulary): Uint8Array {
  const g = new OnnxGraph('tiny-whisper-decoder');
  const inputIds = g.input('input_ids', ElemType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encoderStates = g.input('encoder_hidden_states', ElemType.FLOAT, [
    'batch_size',
    'encoder_sequence_length',
    D,
  ]);
  const pastDims = ['batch_size', HEADS, 'past_decoder_sequence_length', HEAD_DIM];
  const presentDims = ['batch_size', HEADS, 'total_decoder_sequence_length', HEAD_DIM];
  const encoderCacheDims = ['batch_size', HEADS, 'encoder_sequence_length_out', HEAD_DIM];
  const past = Array.from({ length: WHISPER_DECODER_LAYERS }, (_, i) => {
    const cache = {
      key: g.input(`past_key_values.${i}.decoder.key`, ElemType.FLOAT, pastDims),
      value: g.input(`past_key_values.${i}.decoder.value`, ElemType.FLOAT, pastDims),
    };
    g.input(`past_key_values.${i}.encoder.key`, ElemType.FLOAT, encoderCacheDims);
    g.input(`past_key_values.${i}.encoder.value`, ElemType.FLOAT, encoderCacheDims);
    return cache;
  });
  g.input('use_cache_branch', ElemType.BOOL, [1]);

  // Positions continue after the cached ones: Range(past, past + new).
  const pastLength = axisLength(g, past[0]?.key ?? '', 2);
  const newLength = axisLength(g, inputIds, 1);
  const totalLength = g.op('Add', [pastLength, newLength]);
  const positions = g.op('Range', [
    g.op('Squeeze', [pastLength]),
    g.op('Squeeze', [totalLength]),
    g.int64s([1], []),
  ]);
  const wte = g.floats(random.weights(vocab.size * D, 1), [vocab.size, D]);
  const wpe = g.floats(random.weights(WHISPER_DECODER_POSITIONS * D, 0.3), [
    WHISPER_DECODER_POSITIONS,
    D,
  ]);
  let x = g.op('Add', [g.op('Gather', [wte, inputIds]), g.op('Gather', [wpe, positions])]);
  const mask = causalBias(g, newLength, totalLength);

  // The last value channel of layer 0, head 0 carries "this token is <|notimestamps|>".
  const flagChannel = HEAD_DIM - 1;
  const isNoTimestamps = new Float32Array(vocab.size);
  isNoTimestamps[vocab.id('<|notimestamps|>')] = 1;
  const keepOthers = new Float32Array(D).fill(1);
  keepOthers[flagChannel] = 0;
  const flagOneHot = new Float32Array(D);
  flagOneHot[flagChannel] = 1;
  let noTimestampsFlag = '';

  past.forEach((cache, layer) => {
    const q = splitHeads(g, linear(g, random, x, D, D), HEADS, HEAD_DIM);
    const newKey = splitHeads(g, linear(g, random, x, D, D), HEADS, HEAD_DIM);
    let values = linear(g, random, x, D, D);
    if (layer === 0) {
      const flag = g.op('Gather', [g.floats(isNoTimestamps, [vocab.size, 1]), inputIds]); // [B, S, 1]
      values = g.op('Add', [
        g.op('Mul', [values, g.floats(keepOthers, [D])]),
        g.op('Mul', [flag, g.floats(flagOneHot, [D])]),
      ]);
    }
    const k = g.op('Concat', [cache.key, newKey], { axis: 2 });
    const v = g.op('Concat', [cache.value, splitHeads(g, values, HEADS, HEAD_DIM)], { axis: 2 });
    if (layer === 0) {
      const head0 = g.op('Gather', [v, g.int64s([0], [])], { axis: 1 }); // [B, T, headDim]
      const history = g.op('Gather', [head0, g.int64s([flagChannel], [])], { axis: 2 }); // [B, T]
      noTimestampsFlag = g.op('ReduceMax', [history], { axes: [1], keepdims: 1 }); // [B, 1]
    }
    g.output(`present.${layer}.decoder.key`, k, ElemType.FLOAT, presentDims);
    g.output(`present.${layer}.decoder.value`, v, ElemType.FLOAT, presentDims);
    const selfAttended = mergeHeads(g, attention(g, q, k, v, HEAD_DIM, mask), D);
    x = g.op('Add', [x, linear(g, random, selfAttended, D, D)]);

    const crossQ = splitHeads(g, linear(g, random, x, D, D), HEADS, HEAD_DIM);
    const crossK = splitHeads(g, linear(g, random, encoderStates, D, D), HEADS, HEAD_DIM);
    const crossV = splitHeads(g, linear(g, random, encoderStates, D, D), HEADS, HEAD_DIM);
    g.output(`present.${layer}.encoder.key`, crossK, ElemType.FLOAT, encoderCacheDims);
    g.output(`present.${layer}.encoder.value`, crossV, ElemType.FLOAT, encoderCacheDims);
    const crossAttended = mergeHeads(g, attention(g, crossQ, crossK, crossV, HEAD_DIM), D);
    x = residualMlp(g, random, g.op('Add', [x, linear(g, random, crossAttended, D, D)]), D);
  });

  // Normalising before the head bounds the random part of the logits, so the text-like bias wins.
  const normalised = g.op('LayerNormalization', [x, g.floats(new Float32Array(D).fill(1), [D])], {
    axis: -1,
    epsilon: { float: 1e-5 },
  });
  // Only text tokens get a random, input-dependent part; added tokens follow the schedule alone.
  const textOnly = new Float32Array(vocab.size).fill(1, 0, vocab.textVocab.size);
  const randomPart = g.op('Mul', [
    linear(g, random, normalised, D, vocab.size, 0.8),
    g.floats(textOnly, [vocab.size]),
  ]);
  const logits = g.op('Add', [
    g.op('Add', [randomPart, g.floats(outputBias(vocab), [vocab.size])]),
    scheduledLogits(g, vocab, positions, noTimestampsFlag),
  ]);
  g.output('logits', logits, ElemType.FLOAT, ['batch_size', 'decoder_sequence_length', vocab.size]);
  return g.encode();
}
