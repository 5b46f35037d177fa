import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, sineSweep, wavBytes } from './audio-fixtures.js';
import { SEGMENTS_CONFIG, asrService, transcriptOf, type AsrService } from './asr-service.js';

describe('asr on the tiny Whisper model', () => {
  let ctx: AsrService;
  beforeAll(async () => {
    ctx = await asrService('whisper');
  });
  afterAll(() => ctx.close());

  it('transcribes a WAV into a TextArea result scored by its token probabilities', async () => {
    const wav = dataUri(wavBytes([sineSweep(1.5, 16_000)], 16_000));
    const { status, json } = await ctx.predict([wav]);
    expect(status).toBe(200);
    const prediction = json.results[0]!;
    expect(transcriptOf(json)).toMatch(/\S/);
    expect(prediction.result).toHaveLength(1);
    expect(prediction.result[0]).toMatchObject({ from_name: 'transcription', type: 'textarea' });
    expect(prediction.score).toBeGreaterThan(0);
    expect(prediction.score).toBeLessThanOrEqual(1);
    // Same audio, same text: greedy decoding.
    expect(transcriptOf((await ctx.predict([wav])).json)).toBe(transcriptOf(json));
  });

  it('chunks 2 minutes over the model window and gives timed segments for <Labels>', async () => {
    const wav = dataUri(wavBytes([sineSweep(120, 16_000, 100, 3000)], 16_000));
    const { status, json } = await ctx.predict([wav], SEGMENTS_CONFIG);
    expect(status).toBe(200);
    const regions = json.results[0]!.result.filter((r) => r.type === 'labels');
    expect(regions.length).toBeGreaterThan(40);
    for (const r of regions) {
      expect(r.value.labels).toEqual(['Speech']);
      expect(r.value.end!).toBeGreaterThan(r.value.start!);
    }
    const starts = regions.map((r) => r.value.start!);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.at(-1)).toBeGreaterThan(100);
    expect(transcriptOf(json).length).toBeGreaterThan(100);
  });
});

describe('asr segments on a clip shorter than the model window', () => {
  let ctx: AsrService;
  beforeAll(async () => {
    ctx = await asrService('whisper');
  });
  afterAll(() => ctx.close());

  it('clamps every segment to the clip and drops those past its end', async () => {
    // The tiny Whisper times its segments 0.16–0.64, 0.72–1.12 and 1.2–1.6 s in any window.
    const wav = dataUri(wavBytes([sineSweep(1, 16_000)], 16_000));
    const { status, json } = await ctx.predict([wav], SEGMENTS_CONFIG);
    expect(status).toBe(200);
    const regions = json.results[0]!.result.filter((r) => r.type === 'labels');
    expect(regions.map((r) => [r.value.start, r.value.end])).toEqual([
      [0.16, 0.64],
      [0.72, 1],
    ]);
  });
});
