import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SAMPLE_RATE, toneAlphabetAudio } from '@lsml/tiny-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUri, wavBytes } from './audio-fixtures.js';
import { asrService, transcriptOf, type AsrService } from './asr-service.js';

const GOOD = dataUri(wavBytes([toneAlphabetAudio('OK')], SAMPLE_RATE));
const NOT_AUDIO = dataUri(new TextEncoder().encode('this is a text file, not audio'), 'audio/wav');
const BROKEN_WAV = dataUri(
  new Uint8Array([
    ...Buffer.from('RIFF'),
    40,
    0,
    0,
    0,
    ...Buffer.from('WAVE'),
    ...Buffer.from('junkjunk'),
  ]),
);
/**
 * A URL whose port refuses connections while the tests run. The port is held by the client
 * end of an open loopback connection: connecting to it is refused, and no server can bind it
 * (a port that was merely free a moment ago may be taken by a server of the parallel suite).
 */
async function unreachableUrl(): Promise<{ url: string; release: () => void }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const holder = connect(port, '127.0.0.1');
  await once(holder, 'connect');
  return {
    url: `http://127.0.0.1:${holder.localPort}/audio/missing.wav`,
    release: () => {
      holder.destroy();
      server.close();
    },
  };
}

describe('asr per-task errors', () => {
  let ctx: AsrService;
  let unreachable: Awaited<ReturnType<typeof unreachableUrl>>;
  let UNREACHABLE: string;
  beforeAll(async () => {
    ctx = await asrService('wav2vec2-ctc', { FFMPEG_PATH: '/nonexistent/ffmpeg' });
    unreachable = await unreachableUrl();
    UNREACHABLE = unreachable.url;
  });
  afterAll(async () => {
    unreachable.release();
    await ctx.close();
  });

  it('a file that is not audio: 422 naming the task and the reason', async () => {
    const { status, json } = await ctx.predict([NOT_AUDIO]);
    expect(status).toBe(422);
    expect(json.error).toMatch(/^Task 1: the file is not audio lsml recognises/);
  });

  it('a broken WAV: 422 naming the task', async () => {
    const { status, json } = await ctx.predict([BROKEN_WAV]);
    expect(status).toBe(422);
    expect(json.error).toMatch(/^Task 1: the audio is a broken WAV file/);
  });

  it('an unreachable URL: 502 naming the task, the URL and the reason', async () => {
    const { status, json } = await ctx.predict([UNREACHABLE]);
    expect(status).toBe(502);
    expect(json.code).toBe('DATA_FETCH_FAILED');
    expect(json.error).toMatch(/^Task 1: cannot read (the )?audio/);
    expect((json.error ?? '').split(UNREACHABLE)).toHaveLength(2); // the URL, named once
    expect(json.error).toMatch(/ECONNREFUSED/);
  });

  it('a missing audio value: 422 naming the data key', async () => {
    const { status, body } = await ctx.service.request<{ error: string }>('/predict', {
      tasks: [{ id: 7, data: { text: 'no audio here' } }],
      label_config:
        '<View><Audio name="audio" value="$audio"/><TextArea name="t" toName="audio"/></View>',
    });
    expect(status).toBe(422);
    expect(body.error).toBe("Task 7: data.audio must be the audio's URL or data URI");
  });

  it('in a batch, the failed tasks get empty results and the others their transcription', async () => {
    const { status, json } = await ctx.predict([NOT_AUDIO, GOOD, UNREACHABLE, GOOD]);
    expect(status).toBe(200);
    expect(json.results.map((r) => r.result.length)).toEqual([0, 1, 0, 1]);
    expect(transcriptOf(json, 1)).toBe('OK');
    expect(transcriptOf(json, 3)).toBe('OK');
  });
});
