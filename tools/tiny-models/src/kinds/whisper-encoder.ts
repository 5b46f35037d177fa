import { ElemType, OnnxGraph } from '../onnx-graph.js';
import type { SeededRandom } from '../seeded-random.js';
import {
  WHISPER_D_MODEL as D,
  WHISPER_ENCODER_POSITIONS,
  WHISPER_FRAMES,
  WHISPER_MEL_BINS,
} from './whisper-shape.js';

/** `input_features` [B, mels, frames] → `last_hidden_state` [B, frames / 2, d]: a strided Conv, tanh, positions. */
export function buildWhisperEncoder(random: SeededRandom): Uint8Array {
  const g = new OnnxGraph('tiny-whisper-encoder');
  const features = g.input('input_features', ElemType.FLOAT, [
    'batch_size',
    WHISPER_MEL_BINS,
    WHISPER_FRAMES,
  ]);
  const kernel = g.floats(random.weights(D * WHISPER_MEL_BINS * 2, 0.5), [D, WHISPER_MEL_BINS, 2]);
  const conv = g.op('Conv', [features, kernel], { kernel_shape: [2], strides: [2] });
  const states = g.op('Transpose', [g.op('Tanh', [conv])], { perm: [0, 2, 1] });
  const positions = g.floats(random.weights(WHISPER_ENCODER_POSITIONS * D, 0.1), [
    WHISPER_ENCODER_POSITIONS,
    D,
  ]);
  g.output('last_hidden_state', g.op('Add', [states, positions]), ElemType.FLOAT, [
    'batch_size',
    WHISPER_ENCODER_POSITIONS,
    D,
  ]);
  return g.encode();
}
