import { SAMPLE_RATE, toneAlphabetAudio } from '@lsml/tiny-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resample } from '../src/audio/resample.js';
import { dataUri, ffmpegConvert, HAS_FFMPEG, sineSweep, wavBytes } from './audio-fixtures.js';
import { SEGMENTS_CONFIG, asrService, transcriptOf, type AsrService } from './asr-service.js';

describe('asr on the tiny wav2vec2-ctc model', () => {
  let ctx: AsrService;
  beforeAll(async () => {
    ctx = await asrService('wav2vec2-ctc');
  });
  afterAll(() => ctx.close());

  it('transcribes a 16 kHz WAV into a TextArea result, doubled letters kept, with a score', async () => {
    const wav = wavBytes([toneAlphabetAudio('HELLO WORLD')], SAMPLE_RATE);
    const { status, json } = await ctx.predict([dataUri(wav)]);
    expect(status).toBe(200);
    const prediction = json.results[0]!;
    expect(prediction.result).toEqual([
      {
        from_name: 'transcription',
        to_name: 'audio',
        type: 'textarea',
        value: { text: ['HELLO WORLD'] },
        score: prediction.score,
      },
    ]);
    expect(prediction.score).toBeGreaterThan(0.5);
    expect(prediction.score).toBeLessThanOrEqual(1);
  });

  it('down-mixes and resamples a 44.1 kHz stereo WAV', async () => {
    const speech = resample(toneAlphabetAudio('TINY MODEL'), SAMPLE_RATE, 44_100);
    const wav = wavBytes([speech, speech.map((x) => x * 0.5)], 44_100, '24');
    const { json } = await ctx.predict([dataUri(wav)]);
    expect(transcriptOf(json)).toBe('TINY MODEL');
  });

  it('answers a sine sweep with a valid prediction', async () => {
    const wav = wavBytes([sineSweep(3, 22_050)], 22_050);
    const { status, json } = await ctx.predict([dataUri(wav)]);
    expect(status).toBe(200);
    for (const r of json.results[0]!.result)
      expect(r).toMatchObject({ from_name: 'transcription', type: 'textarea' });
  });

  it('chunks a 2-minute recording with stride, in bounded memory, and times the segments', async () => {
    const audio = new Float32Array(SAMPLE_RATE * 120);
    // Straddles the first window's kept/stride boundary (16.67 s with 20-s windows).
    audio.set(toneAlphabetAudio('HELLO WORLD'), SAMPLE_RATE * 16);
    audio.set(toneAlphabetAudio('LONG'), SAMPLE_RATE * 90);
    const wav = dataUri(wavBytes([audio], SAMPLE_RATE));
    const before = process.memoryUsage().rss;
    const { status, json } = await ctx.predict([wav], SEGMENTS_CONFIG);
    const grown = process.memoryUsage().rss - before;
    expect(status).toBe(200);
    expect(transcriptOf(json)).toBe('HELLO WORLD LONG');
    const regions = json.results[0]!.result.filter((r) => r.type === 'labels');
    expect(regions.map((r) => r.value.labels)).toEqual([['Speech'], ['Speech']]);
    expect(regions[0]!.value.start).toBeCloseTo(16, 1);
    expect(regions[1]!.value.start).toBeCloseTo(90, 1);
    expect(regions[1]!.value.end! - regions[1]!.value.start!).toBeGreaterThan(0.2);
    expect(grown).toBeLessThan(400 * 1024 * 1024);
  });

  it('puts the text on each region when the TextArea is perRegion', async () => {
    const audio = new Float32Array(SAMPLE_RATE * 4);
    audio.set(toneAlphabetAudio('HI THERE'), SAMPLE_RATE / 2);
    audio.set(toneAlphabetAudio('BYE'), SAMPLE_RATE * 3);
    const config = `<View><Audio name="audio" value="$audio"/>
      <Labels name="speech" toName="audio"><Label value="Speech"/><Label value="Noise"/></Labels>
      <TextArea name="transcription" toName="audio" perRegion="true"/></View>`;
    const { json } = await ctx.predict([dataUri(wavBytes([audio], SAMPLE_RATE))], config);
    const result = json.results[0]!.result;
    expect(result.map((r) => [r.id, r.type, r.value.labels ?? r.value.text])).toEqual([
      ['seg0', 'labels', ['Speech']],
      ['seg0', 'textarea', ['HI THERE']],
      ['seg1', 'labels', ['Speech']],
      ['seg1', 'textarea', ['BYE']],
    ]);
    expect(result[0]!.value.start).toBeCloseTo(0.5, 1);
    expect(result[2]!.value.start).toBeCloseTo(3, 1);
  });

  it('labels segments with the label key Label Studio stores: the alias when there is one', async () => {
    const audio = new Float32Array(SAMPLE_RATE * 2);
    audio.set(toneAlphabetAudio('HI'), SAMPLE_RATE / 2);
    const aliased = SEGMENTS_CONFIG.replace(
      '<Label value="Speech"/>',
      '<Label value="Speech" alias="sp"/>',
    );
    const { json } = await ctx.predict([dataUri(wavBytes([audio], SAMPLE_RATE))], aliased);
    const regions = json.results[0]!.result.filter((r) => r.type === 'labels');
    expect(regions.map((r) => r.value.labels)).toEqual([['sp']]);
  });

  it('refuses a config without a TextArea on audio at /setup, showing one that works', async () => {
    const { status, body } = await ctx.service.request<{ error: string }>('/setup', {
      project: '2',
      schema:
        '<View><Audio name="audio" value="$audio"/><Labels name="l" toName="audio"><Label value="A"/></Labels></View>',
    });
    expect(status).toBe(422);
    expect(body.error).toBe(
      'The label config needs a <TextArea> control bound to a <Audio> or <AudioPlus> whose value is a "$key". asr writes the transcription there, e.g. <Audio name="audio" value="$audio"/> <TextArea name="transcription" toName="audio" editable="true"/>',
    );
  });

  it.runIf(HAS_FFMPEG)('decodes a second format (FLAC) through ffmpeg', async () => {
    const flac = ffmpegConvert(wavBytes([toneAlphabetAudio('FLAC WORKS')], SAMPLE_RATE), 'flac');
    const { status, json } = await ctx.predict([dataUri(flac, 'audio/flac')]);
    expect(status).toBe(200);
    expect(transcriptOf(json)).toBe('FLAC WORKS');
  });
});

describe('asr without ffmpeg', () => {
  let ctx: AsrService;
  beforeAll(async () => {
    ctx = await asrService('wav2vec2-ctc', { FFMPEG_PATH: '/nonexistent/ffmpeg' });
  });
  afterAll(() => ctx.close());

  it('answers a non-WAV file with a 415 that says to install ffmpeg', async () => {
    const flac = HAS_FFMPEG
      ? ffmpegConvert(wavBytes([toneAlphabetAudio('HI')], SAMPLE_RATE), 'flac')
      : new Uint8Array([...Buffer.from('fLaC'), 0, 0, 0, 34, ...new Array<number>(64).fill(7)]);
    const { status, json } = await ctx.predict([dataUri(flac, 'audio/flac')]);
    expect(status).toBe(415);
    expect(json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(json.error).toMatch(
      /^Task 1: the audio is FLAC, not WAV; decoding it needs ffmpeg, which was not found/,
    );
  });

  it('still decodes WAV in-process', async () => {
    const wav = wavBytes([toneAlphabetAudio('WAV')], SAMPLE_RATE);
    expect(transcriptOf((await ctx.predict([dataUri(wav)])).json)).toBe('WAV');
  });
});
