import { describe, expect, it } from 'vitest';
import type { RegionResult } from '../contract/types.js';
import { parseLabelConfig, type ControlTag } from '../label-config/index.js';
import { checkPrediction } from './check-prediction.js';
import { choices, ranker, rating, textarea } from './classification-builders.js';
import { polygon, rectangle, regionLabels } from './image-builders.js';

const li = parseLabelConfig(`<View>
  <Image name="image" value="$image"/><Image name="other" value="$other"/>
  <RectangleLabels name="box" toName="image,other"><Label value="Car"/></RectangleLabels>
  <TextArea name="ocr" toName="image,other" perRegion="true"/>
  <Choices name="attr" toName="image" perRegion="true"><Choice value="Occluded"/></Choices>
  <Rating name="quality" toName="image" perRegion="true"/>
  <Polygon name="poly" toName="image"/>
  <Labels name="label" toName="image"><Label value="Road" alias="road"/></Labels>
  <Ranker name="rank" value="$items"/>
</View>`);

const c = (name: string): ControlTag => {
  const control = li.control(name);
  if (!control) throw new Error(name);
  return control;
};
const box = rectangle(c('box'), { x: 1, y: 2, width: 3, height: 4 }, 'Car', { id: 'r1' });
const problems = (result: RegionResult[]) =>
  checkPrediction({ result }, li).map((p) => `${String(p.resultIndex)}: ${p.message}`);

describe('per-region answers', () => {
  it('take the id and object of the region given to the builder', () => {
    const text = textarea(c('ocr'), 'STOP', { region: box });
    expect(text).toMatchObject({ id: 'r1', to_name: 'image', value: { text: ['STOP'] } });
    expect(rating(c('quality'), 4, { region: 'r1' }).id).toBe('r1');
    expect(problems([box, text, choices(c('attr'), 'Occluded', { region: box })])).toEqual([]);
  });

  it('cannot be built without a region, nor on a region without an id', () => {
    expect(() => textarea(c('ocr'), 'STOP')).toThrow(
      /control "ocr" is perRegion: pass the region its answer belongs to/,
    );
    const anonymous = rectangle(c('box'), { x: 1, y: 2, width: 3, height: 4 }, 'Car');
    expect(() => textarea(c('ocr'), 'STOP', { region: anonymous })).toThrow(/has no id/);
  });

  it('are invalid without the id of a region of the same prediction, on the same object', () => {
    const plain = { from_name: 'attr', to_name: 'image', type: 'choices' };
    expect(problems([box, { ...plain, value: { choices: ['Occluded'] } }])).toEqual([
      '1: <Choices name="attr"> is perRegion: its answer needs the id of a region of this prediction (give the region an id and build this answer with { region })',
    ]);
    expect(problems([box, { ...plain, id: 'r9', value: { choices: ['Occluded'] } }])).toEqual([
      '1: <Choices name="attr"> is perRegion: id="r9" names no region of this prediction (give the region an id and build this answer with { region })',
    ]);
    // Another per-region answer with the id is not a region.
    const rate = {
      from_name: 'quality',
      to_name: 'image',
      type: 'rating',
      id: 'q1',
      value: { rating: 2 },
    };
    expect(problems([rate, { ...plain, id: 'q1', value: { choices: ['Occluded'] } }])).toHaveLength(
      2,
    );
    const onOther = { ...box, to_name: 'other' };
    expect(problems([onOther, textarea(c('ocr'), 'x', { region: 'r1', toName: 'image' })])).toEqual(
      [
        '1: <TextArea name="ocr"> is perRegion: region id="r1" is on "other", this answer on "image"',
      ],
    );
  });
});

describe('a region drawn with a bare tool beside <Labels>', () => {
  it('is the tool’s result and a labels result sharing its id and geometry', () => {
    const shape = polygon(
      c('poly'),
      [
        [1, 1],
        [5, 9],
        [9, 1],
      ],
      undefined,
      { id: 'p1', score: 0.5 },
    );
    const label = regionLabels(shape, c('label'), 'road');
    expect(label).toEqual({
      id: 'p1',
      from_name: 'label',
      to_name: 'image',
      type: 'labels',
      score: 0.5,
      value: {
        points: [
          [1, 1],
          [5, 9],
          [9, 1],
        ],
        closed: true,
        labels: ['road'],
      },
    });
    expect(problems([shape, label])).toEqual([]);
    expect(() => regionLabels({ ...shape, id: undefined }, c('label'), 'road')).toThrow(/no id/);
  });

  it('is invalid when the labels half carries no geometry, or a label not in the config', () => {
    const bare = {
      from_name: 'label',
      to_name: 'image',
      type: 'labels',
      value: { labels: ['road'] },
    };
    expect(problems([bare])).toEqual([
      '0: <Labels name="label">: a labels value on an image needs the region\'s geometry (x, y, width, height; points; radiusX, radiusY; or rle)',
    ]);
    const wrong = { ...bare, value: { x: 1, y: 2, width: 3, height: 4, labels: ['Truck'] } };
    expect(problems([wrong])).toEqual(['0: label "Truck" is not defined in <Labels name="label">']);
  });
});

describe('<Ranker value="$items"> (an object tag up to Label Studio 1.7)', () => {
  const self = { name: 'rank', toName: ['rank'] };
  it('answers for itself with the item ids in order', () => {
    const answer = ranker(self, ['b', 'a']);
    expect(answer).toEqual({
      from_name: 'rank',
      to_name: 'rank',
      type: 'ranker',
      value: { ranker: ['b', 'a'] },
    });
    expect(problems([answer])).toEqual([]);
  });

  it('is invalid addressed elsewhere or without a list of ids', () => {
    expect(problems([{ ...ranker(self, ['a']), to_name: 'image' }])).toEqual([
      '0: <Ranker name="rank"> answers for itself: to_name must be "rank"',
    ]);
    expect(problems([{ ...ranker(self, ['a']), value: { ranker: [1] } }])).toEqual([
      '0: <Ranker name="rank">: value.ranker must list item ids (or map buckets to lists of ids)',
    ]);
  });
});
