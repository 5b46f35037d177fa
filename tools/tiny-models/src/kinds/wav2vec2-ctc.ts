import { ElemType, OnnxGraph } from '../onnx-graph.js';
import { ModelFiles } from '../model-files.js';

export const SAMPLE_RATE = 16_000;
/** Samples per CTC frame: one frame per 20 ms, as in real wav2vec2. */
export const CTC_FRAME = 320;
/** The character vocabulary of facebook/wav2vec2-base-960h, in its order. */
export const WAV2VEC2_VOCAB: readonly string[] = [
  '<pad>',
  '<s>',
  '</s>',
  '<unk>',
  '|',
  ...Array.from("ETAONIHSRDLUMWCFGYPBVK'XJQZ"),
];
const FIRST_SPOKEN_ID = 4; // '|' and the letters have a tone; the specials do not

/**
 * The tone each spoken token is "pronounced" with: an integer number of cycles per frame, so
 * tones are orthogonal over a frame and have no DC component. 400 Hz ('|') to 1750 Hz ('Z').
 */
export function toneHz(tokenId: number): number {
  return (tokenId + 4) * (SAMPLE_RATE / CTC_FRAME);
}

/**
 * A wav2vec2-CTC-shaped recognizer that really transcribes, in a toy "tone alphabet": each
 * frame's energy at each token's tone frequency (a cos/sin Conv pair, squared) is that token's
 * logit, and silence falls to `<pad>`. So `toneAlphabetAudio("HELLO WORLD")` transcribes back
 * to itself (with your own CTC decoding; see the README about doubled letters), and any other
 * audio gives some letters. Input `input_values` [B, samples] → `logits` [B, frames, 32].
 */
export function buildWav2vec2Ctc(): ModelFiles {
  const vocabSize = WAV2VEC2_VOCAB.length;
  const kernels = new Float32Array(vocabSize * 2 * CTC_FRAME);
  for (let id = FIRST_SPOKEN_ID; id < vocabSize; id += 1) {
    const cycles = toneHz(id) / (SAMPLE_RATE / CTC_FRAME);
    for (let n = 0; n < CTC_FRAME; n += 1) {
      const phase = (2 * Math.PI * cycles * n) / CTC_FRAME;
      // Scaled so a unit-amplitude tone gives cos² + sin² = 1.
      kernels[id * 2 * CTC_FRAME + n] = Math.cos(phase) / (CTC_FRAME / 2);
      kernels[(id * 2 + 1) * CTC_FRAME + n] = Math.sin(phase) / (CTC_FRAME / 2);
    }
  }
  // Silence (energy 0 everywhere) is <pad>; the other specials never win.
  const bias = new Float32Array(vocabSize).fill(0);
  bias[0] = 1;
  bias[1] = bias[2] = bias[3] = -5;

  const g = new OnnxGraph('tiny-wav2vec2-ctc');
  const audio = g.input('input_values', ElemType.FLOAT, ['batch_size', 'sequence_length']);
  const projections = g.op(
    'Conv',
    [g.op('Unsqueeze', [audio, g.int64s([1])]), g.floats(kernels, [vocabSize * 2, 1, CTC_FRAME])],
    { kernel_shape: [CTC_FRAME], strides: [CTC_FRAME] },
  );
  const squared = g.op('Mul', [projections, projections]);
  const pairs = g.op('Reshape', [squared, g.int64s([0, vocabSize, 2, -1])]);
  const energy = g.op('ReduceMean', [pairs], { axes: [2], keepdims: 0 }); // (cos² + sin²) / 2
  // Normalised audio has tones of amplitude ≈ 1.5, i.e. energy ≈ 1: scale it well above <pad>.
  const scores = g.op('Add', [
    g.op('Mul', [energy, g.floats([16], [1])]),
    g.floats(bias, [1, vocabSize, 1]),
  ]);
  const logits = g.op('Transpose', [scores], { perm: [0, 2, 1] });
  g.output('logits', logits, ElemType.FLOAT, ['batch_size', 'frames', vocabSize]);

  const vocab = Object.fromEntries(WAV2VEC2_VOCAB.map((token, id) => [token, id]));
  return new ModelFiles()
    .json('config.json', {
      model_type: 'wav2vec2',
      architectures: ['Wav2Vec2ForCTC'],
      vocab_size: vocabSize,
      pad_token_id: 0,
      bos_token_id: 1,
      eos_token_id: 2,
      ctc_loss_reduction: 'mean',
    })
    .json('preprocessor_config.json', {
      feature_extractor_type: 'Wav2Vec2FeatureExtractor',
      processor_class: 'Wav2Vec2Processor',
      do_normalize: true,
      feature_size: 1,
      sampling_rate: SAMPLE_RATE,
      padding_side: 'right',
      padding_value: 0,
      return_attention_mask: false,
    })
    .json('vocab.json', vocab)
    .json('tokenizer.json', {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: WAV2VEC2_VOCAB.slice(0, 4).map((content, id) => ({
        id,
        content,
        single_word: false,
        lstrip: true,
        rstrip: true,
        normalized: false,
        special: true,
      })),
      normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '|' },
      pre_tokenizer: { type: 'Split', pattern: { Regex: '' }, behavior: 'Isolated', invert: false },
      post_processor: null,
      decoder: { type: 'CTC', pad_token: '<pad>', word_delimiter_token: '|', cleanup: true },
      // No `type`: transformers.js reads a plain vocab as the word-level ("Legacy") model.
      model: { vocab },
    })
    .json('tokenizer_config.json', {
      tokenizer_class: 'Wav2Vec2CTCTokenizer',
      bos_token: '<s>',
      eos_token: '</s>',
      unk_token: '<unk>',
      pad_token: '<pad>',
      word_delimiter_token: '|',
      do_lower_case: false,
    })
    .bytes('onnx/model.onnx', g.encode());
}
