import { LsmlError } from '@lsml/core';
import { decodeWav } from './decode-wav.js';
import { decodeWithFfmpeg, type FfmpegOptions } from './ffmpeg-decode.js';
import { downmix, resample } from './resample.js';
import { sniffAudioFormat } from './sniff-format.js';

/** Speech models hear 16 kHz mono. */
export const MODEL_SAMPLE_RATE = 16_000;

/**
 * Turns an audio file into 16 kHz mono samples: WAV in-process (wavefile), everything else
 * through ffmpeg when it is installed (a clear 415 when it is not).
 */
export async function decodeAudio(
  bytes: Uint8Array,
  ffmpeg: Omit<FfmpegOptions, 'sampleRate'>,
): Promise<Float32Array> {
  if (bytes.length === 0) throw new LsmlError('VALIDATION_FAILED', 'the audio file is empty');
  const format = sniffAudioFormat(bytes);
  if (format === 'wav') {
    const decoded = decodeWav(bytes);
    if (decoded) return resample(downmix(decoded.channels), decoded.sampleRate, MODEL_SAMPLE_RATE);
  }
  try {
    return await decodeWithFfmpeg(
      bytes,
      format === 'unknown' ? 'not a known audio format' : format,
      {
        ...ffmpeg,
        sampleRate: MODEL_SAMPLE_RATE,
      },
    );
  } catch (error) {
    if (
      format === 'unknown' &&
      error instanceof LsmlError &&
      error.code === 'UNSUPPORTED_MEDIA_TYPE'
    ) {
      throw new LsmlError(
        'VALIDATION_FAILED',
        'the file is not audio lsml recognises (not WAV, FLAC, Ogg, MP3, MP4/M4A, WebM or AIFF), and ffmpeg is not installed to try it',
        { cause: error },
      );
    }
    throw error;
  }
}
