import { describe, expect, it } from 'vitest';
import type { RegionResult } from '../contract/types.js';
import { compareResults } from './compare-results.js';
import type { RegionOutcome } from './types.js';

const r = (
  type: string,
  value: Record<string, unknown>,
  extra: Partial<RegionResult> = {},
): RegionResult => ({ from_name: 'c', to_name: 'o', type, value, ...extra });

const choices = (...c: string[]) => r('choices', { choices: c });
const span = (start: number, end: number, label = 'PER') =>
  r('labels', { start, end, labels: [label] });
const box = (x: number, y: number, w: number, h: number, label = 'Car', rotation = 0) =>
  r('rectanglelabels', { x, y, width: w, height: h, rotation, rectanglelabels: [label] });
const poly = (points: number[][], label = 'Roof') =>
  r('polygonlabels', { points, polygonlabels: [label] });
const ellipse = (x: number, y: number, rx: number, ry: number, label = 'Cell') =>
  r('ellipselabels', { x, y, radiusX: rx, radiusY: ry, rotation: 0, ellipselabels: [label] });
const point = (x: number, y: number, label = 'Eye') =>
  r('keypointlabels', { x, y, width: 1, keypointlabels: [label] });
const text = (...t: string[]) => r('textarea', { text: t });

type Counts = Partial<Record<RegionOutcome, number>>;
interface Case {
  name: string;
  predicted: RegionResult[];
  annotated: RegionResult[];
  expected: Counts;
}

const table: Record<string, Case[]> = {
  choices: [
    {
      name: 'same choice',
      predicted: [choices('Pos')],
      annotated: [choices('Pos')],
      expected: { kept: 1 },
    },
    {
      name: 'other choice',
      predicted: [choices('Pos')],
      annotated: [choices('Neg')],
      expected: { edited: 1 },
    },
    {
      name: 'multi-choice in another order',
      predicted: [choices('A', 'B')],
      annotated: [choices('B', 'A')],
      expected: { kept: 1 },
    },
    {
      name: 'one choice dropped',
      predicted: [choices('A', 'B')],
      annotated: [choices('A')],
      expected: { edited: 1 },
    },
    {
      name: 'answer removed',
      predicted: [choices('Pos')],
      annotated: [],
      expected: { removed: 1 },
    },
    { name: 'answer added', predicted: [], annotated: [choices('Pos')], expected: { added: 1 } },
  ],
  taxonomy: [
    {
      name: 'same path',
      predicted: [r('taxonomy', { taxonomy: [['Animal', 'Cat']] })],
      annotated: [r('taxonomy', { taxonomy: [['Animal', 'Cat']] })],
      expected: { kept: 1 },
    },
    {
      name: 'other leaf',
      predicted: [r('taxonomy', { taxonomy: [['Animal', 'Cat']] })],
      annotated: [r('taxonomy', { taxonomy: [['Animal', 'Dog']] })],
      expected: { edited: 1 },
    },
  ],
  rating: [
    {
      name: 'same rating',
      predicted: [r('rating', { rating: 4 })],
      annotated: [r('rating', { rating: 4 })],
      expected: { kept: 1 },
    },
    {
      name: 'other rating',
      predicted: [r('rating', { rating: 4 })],
      annotated: [r('rating', { rating: 2 })],
      expected: { edited: 1 },
    },
  ],
  number: [
    {
      name: 'same number',
      predicted: [r('number', { number: 3.5 })],
      annotated: [r('number', { number: 3.5 })],
      expected: { kept: 1 },
    },
    {
      name: 'other number',
      predicted: [r('number', { number: 3.5 })],
      annotated: [r('number', { number: 3 })],
      expected: { edited: 1 },
    },
  ],
  textarea: [
    {
      name: 'same text, other whitespace',
      predicted: [text('hello  world')],
      annotated: [text(' hello world ')],
      expected: { kept: 1 },
    },
    {
      name: 'one typo in 20 characters (distance 0.05)',
      predicted: [text('the quick brown foxx')],
      annotated: [text('the quick brown fox')],
      expected: { kept: 1 },
    },
    {
      name: 'rewritten',
      predicted: [text('a cat sat')],
      annotated: [text('the dog ran away')],
      expected: { edited: 1 },
    },
  ],
  'text spans (Text, Audio)': [
    {
      name: 'same span',
      predicted: [span(0, 10)],
      annotated: [span(0, 10)],
      expected: { kept: 1 },
    },
    {
      name: 'overlap 0.6 same label',
      predicted: [span(0, 10)],
      annotated: [span(4, 10)],
      expected: { kept: 1 },
    },
    {
      name: 'overlap 0.4 same label',
      predicted: [span(0, 10)],
      annotated: [span(6, 10)],
      expected: { edited: 1 },
    },
    {
      name: 'same offsets other label',
      predicted: [span(0, 10)],
      annotated: [span(0, 10, 'ORG')],
      expected: { edited: 1 },
    },
    {
      name: 'disjoint spans',
      predicted: [span(0, 10)],
      annotated: [span(20, 30)],
      expected: { removed: 1, added: 1 },
    },
    {
      name: 'audio seconds',
      predicted: [span(1.5, 3.5, 'Speech')],
      annotated: [span(1.6, 3.4, 'Speech')],
      expected: { kept: 1 },
    },
  ],
  'HyperText and Paragraphs spans': [
    {
      name: 'same xpath, offsets overlap',
      predicted: [
        r('hypertextlabels', {
          start: '/p[1]',
          end: '/p[1]',
          startOffset: 0,
          endOffset: 10,
          hypertextlabels: ['X'],
        }),
      ],
      annotated: [
        r('hypertextlabels', {
          start: '/p[1]',
          end: '/p[1]',
          startOffset: 1,
          endOffset: 10,
          hypertextlabels: ['X'],
        }),
      ],
      expected: { kept: 1 },
    },
    {
      name: 'other xpath, same global offsets',
      predicted: [
        r('hypertextlabels', {
          start: '/p[1]',
          end: '/p[1]',
          startOffset: 0,
          endOffset: 5,
          globalOffsets: { start: 10, end: 15 },
          hypertextlabels: ['X'],
        }),
      ],
      annotated: [
        r('hypertextlabels', {
          start: '/div/p[1]',
          end: '/div/p[1]',
          startOffset: 0,
          endOffset: 5,
          globalOffsets: { start: 10, end: 15 },
          hypertextlabels: ['X'],
        }),
      ],
      expected: { kept: 1 },
    },
    {
      name: 'other paragraph',
      predicted: [
        r('paragraphlabels', {
          start: '0',
          end: '0',
          startOffset: 0,
          endOffset: 5,
          paragraphlabels: ['Q'],
        }),
      ],
      annotated: [
        r('paragraphlabels', {
          start: '1',
          end: '1',
          startOffset: 0,
          endOffset: 5,
          paragraphlabels: ['Q'],
        }),
      ],
      expected: { removed: 1, added: 1 },
    },
  ],
  rectangles: [
    {
      name: 'same box',
      predicted: [box(10, 10, 20, 20)],
      annotated: [box(10, 10, 20, 20)],
      expected: { kept: 1 },
    },
    // IoU = 16x20 / (2*400 - 320) = 0.667
    {
      name: 'shifted by 4 (IoU 0.67)',
      predicted: [box(10, 10, 20, 20)],
      annotated: [box(14, 10, 20, 20)],
      expected: { kept: 1 },
    },
    // IoU = 8x20 / (800 - 160) = 0.25
    {
      name: 'shifted by 12 (IoU 0.25)',
      predicted: [box(10, 10, 20, 20)],
      annotated: [box(22, 10, 20, 20)],
      expected: { edited: 1 },
    },
    {
      name: 'same box other label',
      predicted: [box(10, 10, 20, 20)],
      annotated: [box(10, 10, 20, 20, 'Bus')],
      expected: { edited: 1 },
    },
    {
      name: 'rotated a quarter turn about its corner',
      predicted: [box(50, 50, 20, 20)],
      annotated: [box(50, 50, 20, 20, 'Car', 90)],
      expected: { removed: 1, added: 1 },
    },
    {
      name: 'two predicted, one deleted, one drawn',
      predicted: [box(0, 0, 10, 10), box(50, 50, 10, 10)],
      annotated: [box(0, 0, 10, 10), box(80, 80, 10, 10)],
      expected: { kept: 1, removed: 1, added: 1 },
    },
    {
      name: 'pairs matching labels first',
      predicted: [box(10, 10, 20, 20, 'Car')],
      annotated: [box(10, 10, 20, 20, 'Bus'), box(12, 10, 20, 20, 'Car')],
      expected: { kept: 1, added: 1 },
    },
  ],
  polygons: [
    {
      name: 'same square',
      predicted: [
        poly([
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ]),
      ],
      annotated: [
        poly([
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ]),
      ],
      expected: { kept: 1 },
    },
    // The L covers 75 of its 100-unit bounding box; a box over the missing quarter shares none
    // of it (bounding boxes would call this IoU 0.33, overlap 25).
    {
      name: 'concave L vs the square in its notch',
      predicted: [
        poly([
          [0, 0],
          [10, 0],
          [10, 5],
          [5, 5],
          [5, 10],
          [0, 10],
        ]),
      ],
      annotated: [
        poly([
          [5, 5],
          [10, 5],
          [10, 10],
          [5, 10],
        ]),
      ],
      expected: { removed: 1, added: 1 },
    },
    {
      name: 'concave L vs its bounding square (IoU 0.75)',
      predicted: [
        poly([
          [0, 0],
          [10, 0],
          [10, 5],
          [5, 5],
          [5, 10],
          [0, 10],
        ]),
      ],
      annotated: [
        poly([
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ]),
      ],
      expected: { kept: 1 },
    },
  ],
  ellipses: [
    {
      name: 'same ellipse',
      predicted: [ellipse(50, 50, 10, 5)],
      annotated: [ellipse(50, 50, 10, 5)],
      expected: { kept: 1 },
    },
    {
      name: 'taller by 3/5 (IoU 0.625)',
      predicted: [ellipse(50, 50, 10, 5)],
      annotated: [ellipse(50, 50, 10, 8)],
      expected: { kept: 1 },
    },
    {
      name: 'taller by 7/5 (IoU 0.42)',
      predicted: [ellipse(50, 50, 10, 5)],
      annotated: [ellipse(50, 50, 10, 12)],
      expected: { edited: 1 },
    },
    {
      name: 'moved far',
      predicted: [ellipse(20, 20, 5, 5)],
      annotated: [ellipse(80, 80, 5, 5)],
      expected: { removed: 1, added: 1 },
    },
  ],
  keypoints: [
    {
      name: 'same point',
      predicted: [point(10, 10)],
      annotated: [point(10, 10)],
      expected: { kept: 1 },
    },
    {
      name: '1% of the diagonal away',
      predicted: [point(10, 10)],
      annotated: [point(11, 11)],
      expected: { kept: 1 },
    },
    {
      name: '3% away',
      predicted: [point(10, 10)],
      annotated: [point(13, 13)],
      expected: { edited: 1 },
    },
    {
      name: '10% away',
      predicted: [point(10, 10)],
      annotated: [point(20, 20)],
      expected: { removed: 1, added: 1 },
    },
  ],
  'per-region answers': [
    {
      name: 'region and its per-region answer kept',
      predicted: [
        box(10, 10, 20, 20, 'Car', 0),
        r('textarea', { text: ['AB-123'] }, { from_name: 'plate', id: 'r1' }),
      ].map((x, i) => (i === 0 ? { ...x, id: 'r1' } : x)),
      annotated: [
        { ...box(10, 10, 20, 20), id: 'a9' },
        r('textarea', { text: ['AB-123'] }, { from_name: 'plate', id: 'a9' }),
      ],
      expected: { kept: 1 },
    },
    {
      name: 'per-region answer changed: the region is edited',
      predicted: [
        { ...box(10, 10, 20, 20), id: 'r1' },
        r('choices', { choices: ['Red'] }, { from_name: 'color', id: 'r1' }),
      ],
      annotated: [
        r('choices', { choices: ['Blue'] }, { from_name: 'color', id: 'x' }),
        { ...box(10, 10, 20, 20), id: 'x' },
      ],
      expected: { edited: 1 },
    },
    {
      name: 'a choices result with an id of its own is a whole-task answer',
      predicted: [{ ...choices('Pos'), id: 'q1' }],
      annotated: [{ ...choices('Pos'), id: 'q2' }],
      expected: { kept: 1 },
    },
  ],
  'labels as Label Studio saves them': [
    {
      name: 'alias compares as saved',
      predicted: [span(0, 5, 'per')],
      annotated: [span(0, 5, 'per')],
      expected: { kept: 1 },
    },
    {
      name: 'value is not the alias',
      predicted: [span(0, 5, 'per')],
      annotated: [span(0, 5, 'Person')],
      expected: { edited: 1 },
    },
  ],
};

describe('compareResults', () => {
  for (const [type, cases] of Object.entries(table)) {
    describe(type, () => {
      it.each(cases)('$name', ({ predicted, annotated, expected }) => {
        const { counts } = compareResults(predicted, annotated);
        expect(counts).toEqual({ kept: 0, edited: 0, removed: 0, added: 0, ...expected });
      });
    });
  }

  it('names each region with its control, labels and similarity', () => {
    const { regions } = compareResults([box(10, 10, 20, 20)], [box(14, 10, 20, 20)]);
    expect(regions).toEqual([
      expect.objectContaining({
        outcome: 'kept',
        control: 'c',
        object: 'o',
        type: 'rectanglelabels',
        labels: ['Car'],
        similarity: expect.closeTo(2 / 3, 6) as unknown,
      }),
    ]);
  });

  it('uses pixel space when results carry the image size', () => {
    const sized = (x: number) => ({ ...point(x, 10), original_width: 1000, original_height: 10 });
    // 2 percent of a 1000 px wide image is 20 px: 2% of the ~1000 px diagonal.
    expect(compareResults([sized(10)], [sized(11.9)]).counts.kept).toBe(1);
    expect(compareResults([sized(10)], [sized(13)]).counts.edited).toBe(1);
  });

  it('takes thresholds from options', () => {
    const strict = { minIoU: 0.9 };
    expect(compareResults([box(10, 10, 20, 20)], [box(14, 10, 20, 20)], strict).counts.edited).toBe(
      1,
    );
  });

  it('ignores malformed results and relations rather than throwing', () => {
    const junk = [
      null,
      { type: 'choices' },
      r('relation', { from_id: 'a', to_id: 'b' }),
    ] as unknown as RegionResult[];
    expect(compareResults(junk, [choices('A')]).counts).toEqual({
      kept: 0,
      edited: 0,
      removed: 0,
      added: 1,
    });
  });
});
