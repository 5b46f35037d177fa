import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';

/** Encodes channels of float samples as a PCM WAV file. */
export function wavBytes(
  channels: Float32Array[],
  sampleRate: number,
  bitDepth = '16',
): Uint8Array {
  const wav = new wavefile.WaveFile();
  const scale = bitDepth === '32f' ? 1 : 2 ** (Number(bitDepth) - 1) - 1;
  const ints = channels.map((c) =>
    Array.from(c, (x) => Math.round(Math.max(-1, Math.min(1, x)) * scale)),
  );
  wav.fromScratch(channels.length, sampleRate, bitDepth, ints.length === 1 ? ints[0]! : ints);
  return wav.toBuffer();
}

export const dataUri = (bytes: Uint8Array, mime = 'audio/wav') =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

/** A sine sweep from `fromHz` to `toHz`, at `sampleRate`. */
export function sineSweep(
  seconds: number,
  sampleRate: number,
  fromHz = 200,
  toHz = 4000,
): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i += 1) {
    phase += (2 * Math.PI * (fromHz + ((toHz - fromHz) * i) / n)) / sampleRate;
    out[i] = 0.5 * Math.sin(phase);
  }
  return out;
}

export const HAS_FFMPEG = spawnSync('ffmpeg', ['-version']).status === 0;

/** Re-encodes a WAV with ffmpeg (e.g. to FLAC); only when ffmpeg is installed. */
export function ffmpegConvert(wav: Uint8Array, extension: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'asr-ffmpeg-'));
  try {
    writeFileSync(join(dir, 'in.wav'), wav);
    const run = spawnSync('ffmpeg', [
      '-loglevel',
      'error',
      '-i',
      join(dir, 'in.wav'),
      join(dir, `out.${extension}`),
    ]);
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.toString()}`);
    return readFileSync(join(dir, `out.${extension}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
