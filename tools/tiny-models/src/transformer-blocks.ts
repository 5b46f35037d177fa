import type { OnnxGraph } from './onnx-graph.js';
import type { SeededRandom } from './seeded-random.js';

/** Graph pieces shared by the decoder models (GPT-2, Whisper). Names are ONNX value names. */

/** `x · W + b` with random weights; `x` is [..., inSize]. */
export function linear(
  g: OnnxGraph,
  random: SeededRandom,
  x: string,
  inSize: number,
  outSize: number,
  std = 1 / Math.sqrt(inSize),
  bias: Float32Array = new Float32Array(outSize),
): string {
  const weight = g.floats(random.weights(inSize * outSize, std), [inSize, outSize]);
  return g.op('Add', [g.op('MatMul', [x, weight]), g.floats(bias, [outSize])]);
}

/** [B, S, heads·headDim] → [B, heads, S, headDim]. */
export function splitHeads(g: OnnxGraph, x: string, heads: number, headDim: number): string {
  const reshaped = g.op('Reshape', [x, g.int64s([0, 0, heads, headDim])]);
  return g.op('Transpose', [reshaped], { perm: [0, 2, 1, 3] });
}

/** [B, heads, S, headDim] → [B, S, heads·headDim]. */
export function mergeHeads(g: OnnxGraph, x: string, size: number): string {
  const transposed = g.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return g.op('Reshape', [transposed, g.int64s([0, 0, size])]);
}

/** softmax(q·kᵀ/√d + bias)·v over [B, heads, S, headDim] tensors; `bias` broadcasts to [B, heads, S, T]. */
export function attention(
  g: OnnxGraph,
  q: string,
  k: string,
  v: string,
  headDim: number,
  bias?: string,
): string {
  const kT = g.op('Transpose', [k], { perm: [0, 1, 3, 2] });
  const scores = g.op('Mul', [g.op('MatMul', [q, kT]), g.floats([1 / Math.sqrt(headDim)], [1])]);
  const masked = bias === undefined ? scores : g.op('Add', [scores, bias]);
  return g.op('MatMul', [g.op('Softmax', [masked], { axis: -1 }), v]);
}

/** Large enough to zero a softmax weight, small enough that sums of two stay finite in float32. */
const MASKED = -1e9;

/**
 * The causal mask as an additive bias [S, T] for S new positions after T − S cached ones:
 * query i may see keys j ≤ i + (T − S). `s` and `t` are int64 [1] tensors.
 */
export function causalBias(g: OnnxGraph, s: string, t: string): string {
  const ones = g.op('Expand', [g.floats([1], [1]), g.op('Concat', [s, t], { axis: 0 })]);
  const offset = g.op('Squeeze', [g.op('Sub', [t, s])]);
  const allowed = g.op('Trilu', [ones, offset], { upper: 0 });
  return g.op('Mul', [g.op('Sub', [g.floats([1], [1]), allowed]), g.floats([MASKED], [1])]);
}

/** An `attention_mask` [B, T] (1 = real token) as an additive bias [B, 1, 1, T]. */
export function paddingBias(g: OnnxGraph, attentionMask: string): string {
  const keep = g.op('Cast', [attentionMask], { to: 1 });
  const bias = g.op('Mul', [g.op('Sub', [g.floats([1], [1]), keep]), g.floats([MASKED], [1])]);
  return g.op('Unsqueeze', [bias, g.int64s([1, 2])]);
}

/** Length of axis `axis` of `x` as an int64 [1] tensor. */
export function axisLength(g: OnnxGraph, x: string, axis: number): string {
  return g.op('Shape', [x], { start: axis, end: axis + 1 });
}

/** A two-layer tanh MLP with a residual connection: x + W₂·tanh(W₁·x). */
export function residualMlp(g: OnnxGraph, random: SeededRandom, x: string, size: number): string {
  const hidden = g.op('Tanh', [linear(g, random, x, size, 4 * size)]);
  return g.op('Add', [x, linear(g, random, hidden, 4 * size, size)]);
}
