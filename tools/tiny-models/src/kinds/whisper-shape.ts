/** Sizes shared by the tiny Whisper's encoder, decoder, vocabulary and configs. */

export const WHISPER_D_MODEL = 16;
export const WHISPER_HEADS = 2;
export const WHISPER_DECODER_LAYERS = 2;
export const WHISPER_MEL_BINS = 8;
/** Seconds per window. Real Whisper uses 30; a short window keeps the JS spectrogram cheap. */
export const WHISPER_CHUNK_SECONDS = 2;
export const WHISPER_HOP = 160;
/** Mel frames per window (100 per second). */
export const WHISPER_FRAMES = (WHISPER_CHUNK_SECONDS * 16_000) / WHISPER_HOP;
/** The encoder halves time like Whisper's strided conv; one timestamp step (0.02 s) per position. */
export const WHISPER_ENCODER_POSITIONS = WHISPER_FRAMES / 2;
export const WHISPER_DECODER_POSITIONS = 448;
export const WHISPER_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
