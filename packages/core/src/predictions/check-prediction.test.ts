import { describe, expect, it } from 'vitest';
import { parseLabelConfig } from '../label-config/index.js';
import type { RegionResult } from '../contract/types.js';
import { checkPrediction, validatePrediction } from './check-prediction.js';

const li = parseLabelConfig(`<View>
  <Image name="image" value="$image"/><Image name="second" value="$second"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
  <Choices name="cls" toName="image"><Choice value="Cat"/></Choices>
  <Text name="text" value="$text"/><Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <Taxonomy name="tax" toName="text"><Choice value="Animal"><Choice value="Cat"/></Choice></Taxonomy>
  <Rating name="stars" toName="text" maxRating="5"/>
  <Paragraphs name="dialogue" value="$dialogue"/>
  <ParagraphLabels name="turn" toName="dialogue"><Label value="Greeting"/></ParagraphLabels>
  <TimeSeries name="ts" value="$csv" valueType="url"><Channel column="v"/></TimeSeries>
  <TimeSeriesLabels name="phase" toName="ts"><Label value="Run"/></TimeSeriesLabels>
  <Relations><Relation value="knows"/></Relations>
</View>`);

const box = (value: Record<string, unknown>, extra: Partial<RegionResult> = {}): RegionResult => ({
  from_name: 'box',
  to_name: 'image',
  type: 'rectanglelabels',
  value: { x: 1, y: 1, width: 10, height: 10, rectanglelabels: ['Car'], ...value },
  ...extra,
});

function messages(result: RegionResult[], score?: number): string[] {
  return checkPrediction({ result, ...(score === undefined ? {} : { score }) }, li).map(
    (p) => `${String(p.resultIndex)}: ${p.message}`,
  );
}

describe('checkPrediction rejects, naming the offender', () => {
  it.each<[string, RegionResult, RegExp]>([
    ['an unknown from_name', box({}, { from_name: 'nope' }), /from_name "nope" is not a control/],
    ['an unknown to_name', box({}, { to_name: 'nope' }), /to_name "nope" is not an object/],
    [
      'a to_name outside the control’s toName',
      box({}, { to_name: 'second' }),
      /to_name "second" is not in toName of <RectangleLabels name="box">/,
    ],
    [
      'a type that does not match the control',
      box({}, { type: 'polygonlabels' }),
      /type "polygonlabels" does not match <RectangleLabels name="box">/,
    ],
    [
      'a label not in the config',
      box({ rectanglelabels: ['Truck'] }),
      /label "Truck" is not defined in <RectangleLabels name="box">/,
    ],
    [
      'a missing label list',
      box({ rectanglelabels: undefined }),
      /value.rectanglelabels is missing/,
    ],
    ['x below 0', box({ x: -1 }), /x=-1 is outside 0–100/],
    ['width above 100', box({ width: 100.5 }), /width=100.5 is outside 0–100/],
    ['a non-numeric coordinate', box({ y: '5' }), /y=5 is outside 0–100/],
    ['a non-finite score', box({}, { score: Number.NaN }), /score=NaN is not a finite number/],
    [
      'a polygon point outside the image',
      {
        from_name: 'poly',
        to_name: 'image',
        type: 'polygonlabels',
        value: {
          points: [
            [1, 2],
            [101, 3],
          ],
          polygonlabels: ['Road'],
        },
      },
      /points\[1\]=\[101,3\] is outside 0–100/,
    ],
    [
      'a choice not in the config',
      { from_name: 'cls', to_name: 'image', type: 'choices', value: { choices: ['Dog'] } },
      /label "Dog" is not defined in <Choices name="cls">/,
    ],
    [
      'a span with end before start',
      {
        from_name: 'ner',
        to_name: 'text',
        type: 'labels',
        value: { start: 9, end: 3, labels: ['PER'] },
      },
      /span end=3 is before start=9/,
    ],
    [
      'a taxonomy path not in the tree',
      {
        from_name: 'tax',
        to_name: 'text',
        type: 'taxonomy',
        value: { taxonomy: [['Animal', 'Dog']] },
      },
      /taxonomy path "Animal \/ Dog" is not defined in <Taxonomy name="tax">/,
    ],
    [
      'a rating above maxRating',
      { from_name: 'stars', to_name: 'text', type: 'rating', value: { rating: 6 } },
      /rating=6 is not a number in 0–5/,
    ],
    [
      'a value that is not an object',
      {
        from_name: 'stars',
        to_name: 'text',
        type: 'rating',
        value: [] as unknown as Record<string, unknown>,
      },
      /value of <Rating name="stars"> must be an object/,
    ],
    [
      'a rectangle with no geometry',
      box({ x: undefined, y: undefined, width: undefined, height: undefined }),
      /a rectanglelabels value needs x, y, width, height/,
    ],
    [
      'a box past the right edge',
      box({ x: 90, width: 50 }),
      /x\+width=140 reaches past the image edge/,
    ],
    ['a box past the bottom edge', box({ y: 60, height: 41 }), /y\+height=101 reaches past/],
    [
      'paragraph labels carrying a rectangle',
      {
        from_name: 'turn',
        to_name: 'dialogue',
        type: 'paragraphlabels',
        value: { x: 25, y: 25, width: 50, height: 50, paragraphlabels: ['Greeting'] },
      },
      /a paragraphlabels value needs start, end, startOffset, endOffset; x, y, width, height are image geometry/,
    ],
    [
      'time-series labels carrying a rectangle',
      {
        from_name: 'phase',
        to_name: 'ts',
        type: 'timeserieslabels',
        value: { start: 0, end: 1, x: 25, y: 25, width: 50, height: 50, timeserieslabels: ['Run'] },
      },
      /x, y, width, height are image geometry, but a timeserieslabels value is a span/,
    ],
    [
      'an empty choices list',
      { from_name: 'cls', to_name: 'image', type: 'choices', value: { choices: [] } },
      /value.choices is empty/,
    ],
    ['an empty label list', box({ rectanglelabels: [] }), /value.rectanglelabels is empty/],
    [
      'an empty taxonomy',
      { from_name: 'tax', to_name: 'text', type: 'taxonomy', value: { taxonomy: [] } },
      /value.taxonomy is empty/,
    ],
  ])('%s', (_name, result, message) => {
    const found = messages([result]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^0: /);
    expect(found[0]).toMatch(message);
  });

  it('a non-finite prediction score (resultIndex −1)', () => {
    expect(messages([], Number.POSITIVE_INFINITY)).toEqual([
      '-1: prediction score=Infinity is not a finite number',
    ]);
  });

  it('relations to unknown regions or with unknown labels, but not for lacking from_name', () => {
    const spans: RegionResult[] = [
      {
        id: 'a',
        from_name: 'ner',
        to_name: 'text',
        type: 'labels',
        value: { start: 0, end: 1, labels: ['PER'] },
      },
    ];
    const ok = {
      type: 'relation',
      from_id: 'a',
      to_id: 'a',
      labels: ['knows'],
    } as unknown as RegionResult;
    const bad = {
      type: 'relation',
      from_id: 'a',
      to_id: 'zz',
      labels: ['hates'],
    } as unknown as RegionResult;
    expect(messages([...spans, ok])).toEqual([]);
    expect(messages([...spans, bad])).toEqual([
      '1: relation to_id="zz" names no region of this prediction',
      '1: relation label "hates" is not defined in <Relations>',
    ]);
  });

  it('reports every bad result of a prediction, by index', () => {
    const problems = checkPrediction(
      { result: [box({}), box({ x: 200 }), box({}, { from_name: 'x' })] },
      li,
    );
    expect(problems.map((p) => p.resultIndex)).toEqual([1, 2]);
  });

  it('accepts labels from a <Labels> on the same object for geometry tools', () => {
    const merged = parseLabelConfig(
      `<View><Image name="i" value="$i"/><Labels name="l" toName="i"><Label value="Sky"/></Labels><Rectangle name="r" toName="i"/></View>`,
    );
    const ok: RegionResult = {
      from_name: 'r',
      to_name: 'i',
      type: 'rectanglelabels',
      value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['Sky'] },
    };
    expect(checkPrediction({ result: [ok, { ...ok, from_name: 'l' }] }, merged)).toEqual([]);
    expect(
      checkPrediction(
        { result: [{ ...ok, value: { ...ok.value, rectanglelabels: ['Sea'] } }] },
        merged,
      ),
    ).toHaveLength(1);
  });

  it('lets a box touch the edge, with a rounding error, and a rotated box reach past it', () => {
    expect(messages([box({ x: 90, width: 10 + 1e-9 })])).toEqual([]);
    expect(messages([box({ x: 90, width: 50, rotation: 45 })])).toEqual([]);
  });

  it('accepts the span shapes Label Studio stores', () => {
    const turn: RegionResult = {
      from_name: 'turn',
      to_name: 'dialogue',
      type: 'paragraphlabels',
      value: { start: '0', end: '0', startOffset: 0, endOffset: 5, paragraphlabels: ['Greeting'] },
    };
    const phase: RegionResult = {
      from_name: 'phase',
      to_name: 'ts',
      type: 'timeserieslabels',
      value: { start: 0, end: 1, instant: false, timeserieslabels: ['Run'] },
    };
    expect(messages([turn, phase])).toEqual([]);
  });
});

describe('validatePrediction', () => {
  it('returns for a valid prediction', () => {
    expect(() => {
      validatePrediction({ result: [box({})] }, li);
    }).not.toThrow();
  });

  it('throws INVALID_PREDICTION listing every problem', () => {
    expect(() => {
      validatePrediction({ result: [box({}), box({ x: 90, width: 50 }), box({ x: -1 })] }, li);
    }).toThrow(
      expect.objectContaining({
        code: 'INVALID_PREDICTION',
        message: expect.stringMatching(
          /result\[1\]: .*x\+width=140 .*; result\[2\]: .*x=-1/,
        ) as string,
      }),
    );
  });
});
