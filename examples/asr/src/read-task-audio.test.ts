import { LsmlError, parseLabelConfig, type DataReader } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { readTaskAudio } from './read-task-audio.js';

const TARGET = parseLabelConfig(
  '<View><Audio name="audio" value="$audio"/><TextArea name="t" toName="audio"/></View>',
).requireTarget({ control: 'textarea', object: 'Audio' });
const SIGNED =
  'https://bucket.s3.amazonaws.com/clips/a.wav?X-Amz-Credential=AKIA123&X-Amz-Signature=deadbeef';

async function failure(read: DataReader, value: string): Promise<string> {
  try {
    await readTaskAudio({ id: 4, data: { audio: value } }, TARGET, read, undefined);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected readTaskAudio to fail');
}

describe('readTaskAudio', () => {
  it('keeps presigned query strings (signatures) out of its errors', async () => {
    const plain = await failure(() => Promise.reject(new TypeError('fetch failed')), SIGNED);
    expect(plain).toBe(
      'cannot read audio https://bucket.s3.amazonaws.com/clips/a.wav?…: fetch failed',
    );
    const lsml = await failure(
      () => Promise.reject(new LsmlError('DATA_NOT_FOUND', 'answered 404 Not Found')),
      SIGNED,
    );
    expect(lsml).not.toMatch(/X-Amz|deadbeef|AKIA/);
    expect(lsml).toContain('clips/a.wav?…');
    expect(await failure(() => Promise.reject(new Error('x')), 's3://b/k.wav?v=1')).toBe(
      'cannot read audio s3://b/k.wav?…: x',
    );
  });

  it('passes the task id, which Label Studio needs to presign cloud storage URIs', async () => {
    let seen: unknown;
    const read: DataReader = (_value, options) => {
      seen = options?.taskId;
      return Promise.resolve(Buffer.from('RIFF'));
    };
    await readTaskAudio({ id: 4, data: { audio: 's3://b/k.wav' } }, TARGET, read, undefined);
    expect(seen).toBe(4);
  });
});
