import { ElemType, OnnxGraph } from '../onnx-graph.js';
import { ModelFiles } from '../model-files.js';
import { SeededRandom } from '../seeded-random.js';

/** Length of every embedding the tiny ViT returns (`hidden_size`). */
export const VIT_HIDDEN_SIZE = 32;
export const VIT_IMAGE_SIZE = 16;
export const VIT_PATCH_SIZE = 8;
/** The classification head reads the mean colour, so `image-classification` answers truthfully. */
export const VIT_LABELS = ['red', 'green', 'blue'] as const;

/**
 * A ViT-shaped image encoder for `image-feature-extraction` (and `image-classification`).
 * Outputs:
 * - `last_hidden_state` [B, 1 + patches, hidden]: token 0 (the "CLS" token) is a random
 *   projection of the image's mean colour, the rest are patch embeddings from a strided Conv;
 * - `pooler_output` [B, hidden] (used with `{ pool: true }`);
 * - `logits` [B, 3]: the mean colour itself, labelled red/green/blue.
 * Because every output depends on the pixels, a head trained on the embeddings can separate
 * visually distinct images (e.g. mostly red vs mostly blue) even though the weights are random.
 */
export function buildVitFeatures(seed: number): ModelFiles {
  const random = new SeededRandom(seed);
  const d = VIT_HIDDEN_SIZE;
  const p = VIT_PATCH_SIZE;
  const patches = (VIT_IMAGE_SIZE / p) ** 2;

  const g = new OnnxGraph('tiny-vit');
  const pixels = g.input('pixel_values', ElemType.FLOAT, [
    'batch_size',
    3,
    VIT_IMAGE_SIZE,
    VIT_IMAGE_SIZE,
  ]);

  // Patch embeddings: [B, d, h, w] → [B, patches, d].
  const conv = g.op(
    'Conv',
    [
      pixels,
      g.floats(random.weights(d * 3 * p * p, 0.05), [d, 3, p, p]),
      g.floats(random.weights(d, 0.1), [d]),
    ],
    {
      kernel_shape: [p, p],
      strides: [p, p],
    },
  );
  const patchTokens = g.op('Tanh', [
    g.op('Transpose', [g.op('Reshape', [conv, g.int64s([0, d, -1])])], { perm: [0, 2, 1] }),
  ]);

  // The CLS token: mean colour [B, 3] → random projection → tanh. Strong weights keep the
  // colour signal well above the noise of the patch tokens.
  const colour = g.op('Flatten', [g.op('GlobalAveragePool', [pixels])], { axis: 1 });
  const cls = g.op('Tanh', [
    g.op('Add', [
      g.op('MatMul', [colour, g.floats(random.weights(3 * d, 1), [3, d])]),
      g.floats(random.weights(d, 0.1), [d]),
    ]),
  ]);
  const hidden = g.op('Concat', [g.op('Unsqueeze', [cls, g.int64s([1])]), patchTokens], {
    axis: 1,
  });
  g.output('last_hidden_state', hidden, ElemType.FLOAT, ['batch_size', 1 + patches, d]);

  const pooled = g.op('Tanh', [
    g.op('Add', [
      g.op('MatMul', [cls, g.floats(random.weights(d * d, 0.5), [d, d])]),
      g.floats(new Float32Array(d), [d]),
    ]),
  ]);
  g.output('pooler_output', pooled, ElemType.FLOAT, ['batch_size', d]);

  // Mean colour is in [-1, 1] after normalisation; scaling makes the top class confident.
  const colourLogits = g.op('Mul', [colour, g.floats([4], [1])]);
  g.output('logits', colourLogits, ElemType.FLOAT, ['batch_size', VIT_LABELS.length]);

  return new ModelFiles()
    .json('config.json', {
      model_type: 'vit',
      architectures: ['ViTForImageClassification'],
      hidden_size: d,
      image_size: VIT_IMAGE_SIZE,
      patch_size: p,
      num_channels: 3,
      id2label: Object.fromEntries(VIT_LABELS.map((label, i) => [String(i), label])),
      label2id: Object.fromEntries(VIT_LABELS.map((label, i) => [label, i])),
    })
    .json('preprocessor_config.json', {
      image_processor_type: 'ViTImageProcessor',
      do_resize: true,
      size: { height: VIT_IMAGE_SIZE, width: VIT_IMAGE_SIZE },
      resample: 2,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
    })
    .bytes('onnx/model.onnx', g.encode());
}
