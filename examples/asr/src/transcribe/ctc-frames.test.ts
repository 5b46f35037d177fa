import { describe, expect, it } from 'vitest';
import { decodeCtcFrames, type CtcFrame, type CtcVocabulary } from './ctc-frames.js';

const VOCAB: CtcVocabulary = {
  tokens: new Map([
    [0, '<pad>'],
    [1, '<s>'],
    [4, '|'],
    [5, 'H'],
    [6, 'E'],
    [7, 'L'],
    [8, 'O'],
  ]),
  blank: 0,
  wordDelimiter: '|',
  special: new Set(['<s>', '</s>', '<unk>', '<pad>']),
};

/** Frames 20 ms apart from a string of ids ('_' = blank), starting at `at` seconds. */
const frames = (ids: number[], at = 0, probability = 0.9): CtcFrame[] =>
  ids.map((id, i) => ({ id, probability, time: at + i * 0.02 }));

describe('decodeCtcFrames', () => {
  it('merges repeats before dropping blanks, so doubled letters survive', () => {
    // H H E L L _ L O: the blank separates the two L's (transformers.js would say "HELO").
    const decoded = decodeCtcFrames(frames([5, 5, 6, 7, 7, 0, 7, 8]), VOCAB, 0.02);
    expect(decoded.text).toBe('HELLO');
  });

  it('splits words at the delimiter and at long silences, and times segments', () => {
    const first = frames([5, 8, 4, 4, 7, 8]); // "HO LO", 0–0.12 s
    const silence = frames(new Array<number>(50).fill(0), 0.12, 0.99); // 1 s
    const second = frames([6, 7], 1.12); // "EL" after the pause
    const decoded = decodeCtcFrames([...first, ...silence, ...second], VOCAB, 0.02);
    expect(decoded.text).toBe('HO LO EL');
    expect(decoded.segments).toEqual([
      { text: 'HO LO', start: 0, end: expect.closeTo(0.12, 5) as number },
      { text: 'EL', start: 1.12, end: expect.closeTo(1.16, 5) as number },
    ]);
  });

  it('scores by the letters heard, or by the silence when there are none', () => {
    expect(
      decodeCtcFrames([...frames([5], 0, 0.6), ...frames([0], 0.02, 1)], VOCAB, 0.02).score,
    ).toBeCloseTo(0.6);
    expect(decodeCtcFrames(frames([0, 0], 0, 0.8), VOCAB, 0.02)).toMatchObject({
      text: '',
      score: 0.8,
    });
    expect(decodeCtcFrames([], VOCAB, 0.02).score).toBeUndefined();
  });

  it('skips special tokens', () => {
    expect(decodeCtcFrames(frames([1, 5, 1, 8]), VOCAB, 0.02).text).toBe('HO');
  });
});
