import { ElemType, OnnxGraph } from '../onnx-graph.js';
import { ModelFiles } from '../model-files.js';
import { SeededRandom } from '../seeded-random.js';

/** Class names of the tiny detector, COCO-like so label mapping can be tested. */
export const DETR_LABELS = ['cat', 'dog', 'person', 'car'] as const;

/**
 * One fixed detection per query: label, box as (cx, cy, w, h) fractions, and a logit margin that
 * sets its score (score ≈ e^m / (e^m + labels)). The spread of scores lets tests exercise the
 * threshold (0.9 keeps the first three), and the car box crosses the right edge on purpose
 * because real detectors do too, so clamping in the examples is tested. The last query predicts
 * "no object" and must never appear.
 */
export const DETR_QUERIES = [
  { label: 'cat', box: [0.25, 0.25, 0.3, 0.3], margin: 9 },
  { label: 'dog', box: [0.75, 0.3, 0.3, 0.4], margin: 7 },
  { label: 'person', box: [0.3, 0.7, 0.2, 0.5], margin: 5 },
  { label: 'car', box: [0.85, 0.8, 0.4, 0.3], margin: 3 },
  { label: null, box: [0.5, 0.5, 0.5, 0.5], margin: 9 },
] as const;

const IMAGE_SIZE = 32;
/** How much the image's mean colour moves logits and boxes: enough to differ per image, never to reorder. */
const WIGGLE = 0.05;

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * A DETR-shaped object detector: the image's mean colour (GlobalAveragePool) goes through a
 * linear layer to `logits` [B, queries, labels + 1] and sigmoid `pred_boxes` [B, queries, 4].
 */
export function buildDetr(seed: number): ModelFiles {
  const random = new SeededRandom(seed);
  const queries = DETR_QUERIES.length;
  const classes = DETR_LABELS.length + 1; // the last class is "no object"

  const logitBias = new Float32Array(queries * classes);
  const boxBias = new Float32Array(queries * 4);
  DETR_QUERIES.forEach((query, q) => {
    const cls = query.label === null ? DETR_LABELS.length : DETR_LABELS.indexOf(query.label);
    logitBias[q * classes + cls] = query.margin;
    query.box.forEach((value, i) => (boxBias[q * 4 + i] = logit(value)));
  });

  const g = new OnnxGraph('tiny-detr');
  const pixels = g.input('pixel_values', ElemType.FLOAT, ['batch_size', 3, 'height', 'width']);
  // DetrImageProcessor always sends a pixel_mask; the graph accepts it and ignores it.
  g.input('pixel_mask', ElemType.INT64, ['batch_size', 'mask_height', 'mask_width']);
  const colour = g.op('Flatten', [g.op('GlobalAveragePool', [pixels])], { axis: 1 });

  const logits = g.op('Add', [
    g.op('MatMul', [
      colour,
      g.floats(random.weights(3 * queries * classes, WIGGLE), [3, queries * classes]),
    ]),
    g.floats(logitBias, [queries * classes]),
  ]);
  g.output('logits', g.op('Reshape', [logits, g.int64s([-1, queries, classes])]), ElemType.FLOAT, [
    'batch_size',
    queries,
    classes,
  ]);

  const boxes = g.op('Add', [
    g.op('MatMul', [colour, g.floats(random.weights(3 * queries * 4, WIGGLE), [3, queries * 4])]),
    g.floats(boxBias, [queries * 4]),
  ]);
  const sigmoidBoxes = g.op('Sigmoid', [g.op('Reshape', [boxes, g.int64s([-1, queries, 4])])]);
  g.output('pred_boxes', sigmoidBoxes, ElemType.FLOAT, ['batch_size', queries, 4]);

  const id2label = Object.fromEntries(DETR_LABELS.map((label, i) => [String(i), label]));
  const label2id = Object.fromEntries(DETR_LABELS.map((label, i) => [label, i]));
  return new ModelFiles()
    .json('config.json', {
      model_type: 'detr',
      architectures: ['DetrForObjectDetection'],
      num_queries: queries,
      id2label,
      label2id,
    })
    .json('preprocessor_config.json', {
      image_processor_type: 'DetrImageProcessor',
      do_resize: true,
      size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
      resample: 2,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.485, 0.456, 0.406],
      image_std: [0.229, 0.224, 0.225],
      do_pad: false,
    })
    .bytes('onnx/model.onnx', g.encode());
}
