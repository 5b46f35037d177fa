import { LsmlError } from '@lsml/core';

/** How the asr backend reads and cuts audio. Every field has an env var; see the README. */
export interface AsrSettings {
  /** `CHUNK_LENGTH_S`: window for long audio, seconds; 0 = the model's own (Whisper 30 s, CTC 20 s). */
  chunkLengthS: number;
  /** `STRIDE_LENGTH_S`: overlap on each side of a window, seconds; 0 = a sixth of the window. */
  strideLengthS: number;
  /** `LANGUAGE`: spoken language for multilingual Whisper models (`en`, `german`, …). */
  language: string | undefined;
  /** `FFMPEG_PATH`: the ffmpeg used for non-WAV audio. Default `ffmpeg` (on PATH). */
  ffmpegPath: string;
  /** `FFMPEG_TIMEOUT_MS`: most time one decode may take. Default 120000. */
  ffmpegTimeoutMs: number;
  /** `AUDIO_READ_CONCURRENCY`: most audio files downloaded at once per request. Default 4. */
  readConcurrency: number;
}

function nonNegative(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  whole = false,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value)))
    throw new LsmlError(
      'VALIDATION_FAILED',
      `${name}="${raw}" must be a ${whole ? 'whole ' : ''}number ≥ 0`,
    );
  return value;
}

/** Reads {@link AsrSettings} from the environment, checking each value. */
export function asrSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AsrSettings {
  return {
    chunkLengthS: nonNegative(env, 'CHUNK_LENGTH_S', 0),
    strideLengthS: nonNegative(env, 'STRIDE_LENGTH_S', 0),
    language: env.LANGUAGE?.trim() || undefined,
    ffmpegPath: env.FFMPEG_PATH?.trim() || 'ffmpeg',
    ffmpegTimeoutMs: nonNegative(env, 'FFMPEG_TIMEOUT_MS', 120_000, true),
    readConcurrency: Math.max(1, nonNegative(env, 'AUDIO_READ_CONCURRENCY', 4, true)),
  };
}
