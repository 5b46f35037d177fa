import { spawn } from 'node:child_process';
import { LsmlError } from '@lsml/core';

export interface FfmpegOptions {
  /** The ffmpeg executable (`FFMPEG_PATH`, default `ffmpeg` on PATH). */
  path: string;
  sampleRate: number;
  /** Most seconds one decode may take. */
  timeoutMs: number;
}

/** Thrown when ffmpeg is not installed: the message tells the user what to do. */
export function ffmpegMissing(format: string, path: string): LsmlError {
  return new LsmlError(
    'UNSUPPORTED_MEDIA_TYPE',
    `the audio is ${format.toUpperCase()}, not WAV; decoding it needs ffmpeg, which was not found ` +
      `("${path}" is not on PATH). Install ffmpeg (the Docker image has it), set FFMPEG_PATH, or convert the audio to WAV.`,
  );
}

/**
 * Decodes any audio ffmpeg knows into mono float samples at `sampleRate`, through pipes (no
 * temp files). ffmpeg does the down-mix and the resampling.
 */
export function decodeWithFfmpeg(
  bytes: Uint8Array,
  format: string,
  options: FfmpegOptions,
): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0'];
    args.push(
      '-f',
      'f32le',
      '-acodec',
      'pcm_f32le',
      '-ac',
      '1',
      '-ar',
      String(options.sampleRate),
      'pipe:1',
    );
    const child = spawn(options.path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? ffmpegMissing(format, options.path) : error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const reason = signal
          ? `stopped after ${options.timeoutMs} ms`
          : stderr.trim().split('\n').at(-1);
        reject(
          new LsmlError(
            'VALIDATION_FAILED',
            `ffmpeg could not decode the audio (${reason ?? `exit ${code}`})`,
          ),
        );
        return;
      }
      const all = Buffer.concat(out);
      // Copy into an aligned buffer: Buffer.concat may start at an odd offset of a shared pool.
      const samples = new Float32Array(Math.floor(all.length / 4));
      new Uint8Array(samples.buffer).set(all.subarray(0, samples.length * 4));
      resolve(samples);
    });
    // ffmpeg may exit before reading all input (bad data): ignore the broken pipe, `close` reports.
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}
