import { describe, expect, it } from 'vitest';
import { downmix, resample } from './resample.js';

const tone = (hz: number, rate: number, seconds: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.sin((2 * Math.PI * hz * i) / rate),
  );

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('resample', () => {
  it('keeps a tone in the speech band', () => {
    const out = resample(tone(440, 44_100, 1), 44_100, 16_000);
    expect(out.length).toBe(16_000);
    const expected = tone(440, 16_000, 1);
    const middle = (x: Float32Array) => x.subarray(1000, 15_000);
    const error = middle(out).map((v, i) => v - (middle(expected)[i] ?? 0));
    expect(rms(error)).toBeLessThan(0.01);
  });

  it('filters out what is above the new Nyquist rate instead of folding it down', () => {
    // 12 kHz cannot exist at 16 kHz: without the filter it would alias to 4 kHz.
    const out = resample(tone(12_000, 44_100, 0.5), 44_100, 16_000);
    expect(rms(out.subarray(500, -500))).toBeLessThan(0.05);
  });

  it('upsamples, and leaves the same rate alone', () => {
    const x = tone(300, 8_000, 0.5);
    expect(resample(x, 8_000, 8_000)).toBe(x);
    expect(rms(resample(x, 8_000, 16_000).subarray(200, -200))).toBeCloseTo(Math.SQRT1_2, 2);
  });
});

describe('downmix', () => {
  it('averages channels', () => {
    expect(Array.from(downmix([Float32Array.of(1, 0), Float32Array.of(0, 1)]))).toEqual([0.5, 0.5]);
  });
});
