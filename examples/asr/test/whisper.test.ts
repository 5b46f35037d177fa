import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, sineSweep, wavBytes } from './audio-fixtures.js';
import { predictAudio, SEGMENTS_CONFIG, tinyAsrService, transcriptOf } from './tiny-asr-service.js';

describe('asr on the tiny Whisper model', () => {
  let ctx: Awaited<ReturnType<typeof tinyAsrService>>;
  beforeAll(async () => {
    ctx = await tinyAsrService('whisper');
  });
  afterAll(() => ctx.cleanup());

  it('transcribes a WAV into a TextArea result scored by its token probabilities', async () => {
    const wav = dataUri(wavBytes([sineSweep(1.5, 16_000)], 16_000));
    const { status, json } = await predictAudio(ctx.service, [wav]);
    expect(status).toBe(200);
    const prediction = json.results[0]!;
    expect(transcriptOf(json)).toMatch(/\S/);
    expect(prediction.result).toHaveLength(1);
    expect(prediction.result[0]).toMatchObject({ from_name: 'transcription', type: 'textarea' });
    expect(prediction.score).toBeGreaterThan(0);
    expect(prediction.score).toBeLessThanOrEqual(1);
    // Same audio, same text: greedy decoding.
    expect(transcriptOf((await predictAudio(ctx.service, [wav])).json)).toBe(transcriptOf(json));
  });

  it('chunks 2 minutes over the model window and gives timed segments for <Labels>', async () => {
    const wav = dataUri(wavBytes([sineSweep(120, 16_000, 100, 3000)], 16_000));
    const { status, json } = await predictAudio(ctx.service, [wav], SEGMENTS_CONFIG);
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
