import { describe, expect, it } from 'vitest';
import { sniffAudioFormat } from './sniff-format.js';

const bytes = (head: string, ...rest: number[]) =>
  Uint8Array.from([...Buffer.from(head, 'latin1'), ...rest]);

describe('sniffAudioFormat', () => {
  it.each([
    ['wav', bytes('RIFF\0\0\0\0WAVE')],
    ['wav', bytes('RF64\0\0\0\0WAVE')],
    ['flac', bytes('fLaC')],
    ['ogg', bytes('OggS')],
    ['mp3', bytes('ID3')],
    ['mp3', Uint8Array.of(0xff, 0xfb, 0x90)],
    ['mp4', bytes('\0\0\0\x20ftypM4A ')],
    ['webm', Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3)],
    ['aiff', bytes('FORM\0\0\0\0AIFF')],
    ['unknown', bytes('RIFF\0\0\0\0AVI ')],
    ['unknown', bytes('hello')],
  ])('%s', (format, input) => {
    expect(sniffAudioFormat(input)).toBe(format);
  });
});
