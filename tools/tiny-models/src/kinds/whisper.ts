import { ModelFiles } from '../model-files.js';
import { SeededRandom } from '../seeded-random.js';
import { buildWhisperDecoder } from './whisper-decoder.js';
import { buildWhisperEncoder } from './whisper-encoder.js';
import {
  WHISPER_CHUNK_SECONDS,
  WHISPER_D_MODEL,
  WHISPER_DECODER_LAYERS,
  WHISPER_DECODER_POSITIONS,
  WHISPER_ENCODER_POSITIONS,
  WHISPER_FRAMES,
  WHISPER_HEADS,
  WHISPER_HOP,
  WHISPER_LANGUAGES,
  WHISPER_MEL_BINS,
} from './whisper-shape.js';
import { whisperVocabulary } from './whisper-vocabulary.js';

/** Without `max_new_tokens`, generation stops here (prompt included); the model ends at 23 anyway. */
const MAX_LENGTH = 24;

/**
 * A Whisper-shaped multilingual speech recognizer: an encoder over an 8-bin log-mel spectrogram
 * of a 2-second window, and a merged decoder with a KV cache, prompted by
 * `<|startoftranscript|> <|lang|> <|task|> <|notimestamps|>`. It writes text-like letters that
 * depend on the audio, ends after about 19 tokens, and gives segment timestamps on a fixed
 * rhythm with `return_timestamps: true` (see whisper-decoder.ts).
 */
export function buildWhisper(seed: number): ModelFiles {
  const random = new SeededRandom(seed);
  const vocab = whisperVocabulary();
  const eos = vocab.id('<|endoftext|>');
  const generation = {
    decoder_start_token_id: vocab.id('<|startoftranscript|>'),
    bos_token_id: eos,
    eos_token_id: eos,
    pad_token_id: eos,
    no_timestamps_token_id: vocab.id('<|notimestamps|>'),
    is_multilingual: true,
    lang_to_id: Object.fromEntries(
      WHISPER_LANGUAGES.map((code) => [`<|${code}|>`, vocab.id(`<|${code}|>`)]),
    ),
    task_to_id: { translate: vocab.id('<|translate|>'), transcribe: vocab.id('<|transcribe|>') },
    begin_suppress_tokens: [vocab.textVocab.get('Ġ') ?? 0, eos],
    suppress_tokens: [],
    max_initial_timestamp_index: 50,
    max_length: MAX_LENGTH,
  };

  return new ModelFiles()
    .json('config.json', {
      model_type: 'whisper',
      architectures: ['WhisperForConditionalGeneration'],
      is_encoder_decoder: true,
      vocab_size: vocab.size,
      num_mel_bins: WHISPER_MEL_BINS,
      d_model: WHISPER_D_MODEL,
      encoder_layers: 1,
      encoder_attention_heads: WHISPER_HEADS,
      decoder_layers: WHISPER_DECODER_LAYERS,
      decoder_attention_heads: WHISPER_HEADS,
      max_source_positions: WHISPER_ENCODER_POSITIONS,
      max_target_positions: WHISPER_DECODER_POSITIONS,
      decoder_start_token_id: generation.decoder_start_token_id,
      bos_token_id: eos,
      eos_token_id: eos,
      pad_token_id: eos,
      use_cache: true,
    })
    .json('generation_config.json', generation)
    .json('preprocessor_config.json', {
      feature_extractor_type: 'WhisperFeatureExtractor',
      processor_class: 'WhisperProcessor',
      feature_size: WHISPER_MEL_BINS,
      sampling_rate: 16_000,
      hop_length: WHISPER_HOP,
      // Real Whisper uses 400; a power of two makes the JS spectrogram 3× faster (76 → 24 ms a window).
      n_fft: 512,
      chunk_length: WHISPER_CHUNK_SECONDS,
      n_samples: WHISPER_CHUNK_SECONDS * 16_000,
      nb_max_frames: WHISPER_FRAMES,
      padding_value: 0,
      padding_side: 'right',
      return_attention_mask: false,
    })
    .json('tokenizer.json', vocab.tokenizerJson)
    .json('tokenizer_config.json', {
      tokenizer_class: 'WhisperTokenizer',
      bos_token: '<|endoftext|>',
      eos_token: '<|endoftext|>',
      unk_token: '<|endoftext|>',
      pad_token: '<|endoftext|>',
      model_max_length: WHISPER_DECODER_POSITIONS,
      add_prefix_space: false,
      clean_up_tokenization_spaces: true,
    })
    .bytes('onnx/encoder_model.onnx', buildWhisperEncoder(random))
    .bytes('onnx/decoder_model_merged.onnx', buildWhisperDecoder(random, vocab));
}
