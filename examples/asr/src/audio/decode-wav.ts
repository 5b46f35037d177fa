import { LsmlError } from '@lsml/core';
import wavefile from 'wavefile';

/** Decoded PCM: one Float32Array per channel, samples in [-1, 1]. */
export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

interface WavHeader {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/**
 * Decodes a WAV file: `wavefile` parses the RIFF/RIFX/RF64 container and its chunks, and the
 * samples (8/16/24/32-bit PCM, 32/64-bit float) are converted here through a DataView, which
 * is two orders of magnitude faster than wavefile's per-sample bit-depth conversion on long
 * recordings. Returns `undefined` for compressed WAV encodings (A-law, ADPCM, …): ffmpeg's job.
 */
export function decodeWav(bytes: Uint8Array): DecodedAudio | undefined {
  const wav = new wavefile.WaveFile();
  try {
    // A copy: wavefile reads `bytes.buffer` from offset 0, but a Node Buffer may be a slice of a shared pool.
    wav.fromBuffer(new Uint8Array(bytes));
  } catch (error) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `the audio is a broken WAV file (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const header = wav.fmt as WavHeader;
  const data = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  const float = header.audioFormat === IEEE_FLOAT;
  const pcm = header.audioFormat === PCM || header.audioFormat === EXTENSIBLE;
  if (!float && !pcm) return undefined;
  if (
    header.numChannels < 1 ||
    header.sampleRate <= 0 ||
    ![8, 16, 24, 32, 64].includes(header.bitsPerSample)
  ) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `the WAV header is invalid (${header.numChannels} channels, ${header.sampleRate} Hz, ${header.bitsPerSample} bits)`,
    );
  }
  return {
    channels: deinterleave(data, header, float, wav.container !== 'RIFX'),
    sampleRate: header.sampleRate,
  };
}

function deinterleave(
  data: Uint8Array,
  h: WavHeader,
  float: boolean,
  littleEndian: boolean,
): Float32Array[] {
  const bytesPerSample = h.bitsPerSample / 8;
  const frames = Math.floor(data.length / (bytesPerSample * h.numChannels));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = sampleReader(view, h.bitsPerSample, float, littleEndian);
  const channels = Array.from({ length: h.numChannels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f += 1) {
    for (let c = 0; c < h.numChannels; c += 1) {
      (channels[c] as Float32Array)[f] = read((f * h.numChannels + c) * bytesPerSample);
    }
  }
  return channels;
}

function sampleReader(
  view: DataView,
  bits: number,
  float: boolean,
  le: boolean,
): (offset: number) => number {
  if (float && bits === 32) return (o) => view.getFloat32(o, le);
  if (float && bits === 64) return (o) => view.getFloat64(o, le);
  if (float)
    throw new LsmlError('VALIDATION_FAILED', `${bits}-bit float WAV is not a valid encoding`);
  switch (bits) {
    case 8: // 8-bit WAV is unsigned, centred on 128.
      return (o) => (view.getUint8(o) - 128) / 128;
    case 16:
      return (o) => view.getInt16(o, le) / 32768;
    case 24:
      return (o) => {
        const [b0, b1, b2] = le ? [o, o + 1, o + 2] : [o + 2, o + 1, o];
        const v = view.getUint8(b0) | (view.getUint8(b1) << 8) | (view.getInt8(b2) << 16);
        return v / 8388608;
      };
    case 32:
      return (o) => view.getInt32(o, le) / 2147483648;
    default:
      throw new LsmlError('VALIDATION_FAILED', `${bits}-bit PCM WAV is not supported`);
  }
}
