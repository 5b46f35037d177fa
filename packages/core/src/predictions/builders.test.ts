import { describe, expect, it } from 'vitest';
import { parseLabelConfig } from '../label-config/index.js';
import type { RegionResult } from '../contract/types.js';
import { checkPrediction } from './check-prediction.js';
import {
  choices,
  datetime,
  number,
  pairwise,
  ranker,
  rating,
  taxonomy,
  textarea,
} from './classification-builders.js';
import {
  brush,
  ellipse,
  keypoint,
  polygon,
  rectangle,
  rectangleFromPixels,
} from './image-builders.js';
import { relation } from './relation.js';
import {
  audioSegment,
  hypertextLabels,
  labels,
  paragraphLabels,
  timeseriesLabels,
} from './span-builders.js';
import { timelineLabels, videoRectangle } from './video-builders.js';

const li = parseLabelConfig(`<View>
  <Image name="image" value="$image"/>
  <Choices name="cls" toName="image" choice="multiple"><Choice value="Cat"/><Choice value="Dog" alias="dog"/></Choices>
  <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
  <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
  <EllipseLabels name="ell" toName="image"><Label value="Cell"/></EllipseLabels>
  <BrushLabels name="seg" toName="image"><Label value="Sky"/></BrushLabels>
  <Rating name="stars" toName="image"/><Number name="count" toName="image" min="0"/><DateTime name="when" toName="image"/>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <Relations><Relation value="knows"/></Relations>
  <Taxonomy name="tax" toName="text"><Choice value="Animal"><Choice value="Cat"/></Choice></Taxonomy>
  <TextArea name="summary" toName="text"/>
  <Text name="other" value="$other"/><Pairwise name="pw" toName="text,other"/>
  <List name="items" value="$items"/><Ranker name="rank" toName="items"><Bucket name="relevant"/></Ranker>
  <HyperText name="html" value="$html"/><HyperTextLabels name="hner" toName="html"><Label value="ORG"/></HyperTextLabels>
  <Paragraphs name="dialog" value="$dialog"/><ParagraphLabels name="turns" toName="dialog"><Label value="Question"/></ParagraphLabels>
  <Audio name="audio" value="$audio"/><Labels name="speech" toName="audio"><Label value="Speech"/></Labels>
  <Video name="video" value="$video"/><Labels name="vlabels" toName="video"><Label value="Man"/></Labels><VideoRectangle name="track" toName="video"/>
  <TimelineLabels name="timeline" toName="video"><Label value="Intro"/></TimelineLabels>
  <TimeSeries name="ts" value="$csv"><Channel column="v"/></TimeSeries><TimeSeriesLabels name="tsl" toName="ts"><Label value="Run"/></TimeSeriesLabels>
</View>`);

const c = (name: string) => {
  const control = li.control(name);
  if (!control) throw new Error(`no control ${name}`);
  return control;
};

describe('prediction builders', () => {
  it('produce results that checkPrediction accepts, for every control', () => {
    const mask = new Uint8Array(6 * 4).fill(0).fill(1, 5, 11);
    const result: RegionResult[] = [
      choices(c('cls'), ['Cat', 'dog'], { score: 0.9 }),
      rectangle(c('box'), { x: 10, y: 20, width: 30, height: 40 }, 'Car', {
        id: 'r1',
        original: { width: 640, height: 480 },
      }),
      rectangleFromPixels(
        c('box'),
        { x: 64, y: 48, width: 320, height: 240 },
        { width: 640, height: 480 },
        'Car',
        { id: 'r2' },
      ),
      polygon(
        c('poly'),
        [
          [1, 2],
          [50, 60],
          [99, 1],
        ],
        'Road',
      ),
      keypoint(c('kp'), { x: 50, y: 50 }, 'Nose'),
      ellipse(c('ell'), { x: 50, y: 50, radiusX: 5, radiusY: 7 }, 'Cell'),
      brush(c('seg'), { data: mask, width: 6, height: 4 }, 'Sky'),
      rating(c('stars'), 4),
      number(c('count'), 3),
      datetime(c('when'), new Date('2024-05-07T10:30:00Z')),
      labels(c('ner'), { start: 0, end: 5, text: 'Alice' }, 'PER', { id: 's1' }),
      labels(c('ner'), { start: 10, end: 13, text: 'Bob' }, 'PER', { id: 's2' }),
      relation('s1', 's2', { labels: ['knows'] }),
      taxonomy(c('tax'), [['Animal', 'Cat'], ['Animal']]),
      textarea(c('summary'), 'A short text'),
      pairwise(c('pw'), 'left'),
      ranker(c('rank'), { relevant: ['item-1', 'item-2'] }),
      hypertextLabels(
        c('hner'),
        {
          start: '/p[1]/text()[1]',
          end: '/p[1]/text()[1]',
          startOffset: 0,
          endOffset: 4,
          text: 'ACME',
        },
        'ORG',
      ),
      paragraphLabels(c('turns'), { start: 0, end: 1, startOffset: 0, endOffset: 5 }, 'Question'),
      audioSegment(c('speech'), { start: 1.5, end: 3.25 }, 'Speech'),
      videoRectangle(
        c('track'),
        {
          framesCount: 100,
          duration: 4,
          sequence: [{ frame: 1, time: 0.04, x: 1, y: 2, width: 3, height: 4 }],
        },
        'Man',
      ),
      timelineLabels(c('timeline'), [{ start: 1, end: 20 }], 'Intro'),
      timeseriesLabels(c('tsl'), { start: 10, end: 20 }, 'Run'),
    ];
    expect(checkPrediction({ result, score: 0.9 }, li)).toEqual([]);
  });

  it('write Label Studio’s shapes', () => {
    expect(choices(c('cls'), 'Cat')).toEqual({
      from_name: 'cls',
      to_name: 'image',
      type: 'choices',
      value: { choices: ['Cat'] },
    });
    expect(
      rectangleFromPixels(
        c('box'),
        { x: 64, y: 48, width: 320, height: 240 },
        { width: 640, height: 480 },
        'Car',
      ),
    ).toEqual({
      from_name: 'box',
      to_name: 'image',
      type: 'rectanglelabels',
      value: { x: 10, y: 10, width: 50, height: 50, rotation: 0, rectanglelabels: ['Car'] },
      original_width: 640,
      original_height: 480,
      image_rotation: 0,
    });
    expect(labels(c('ner'), { start: 0, end: 5, text: 'Alice' }, 'PER').value).toEqual({
      start: 0,
      end: 5,
      text: 'Alice',
      labels: ['PER'],
    });
    expect(pairwise(c('pw'), 'right')).toMatchObject({
      to_name: 'pw',
      value: { selected: 'right' },
    });
    expect(relation('a', 'b')).toEqual({
      type: 'relation',
      from_id: 'a',
      to_id: 'b',
      direction: 'right',
    });
    expect(textarea(c('summary'), 'x', { toName: 'text' }).value).toEqual({ text: ['x'] });
    expect(datetime(c('when'), new Date('2024-05-07T10:30:00Z')).value).toEqual({
      datetime: '2024-05-07T10:30',
    });
    expect(brush(c('seg'), { data: [1], width: 1, height: 1 }).value).toMatchObject({
      format: 'rle',
    });
  });

  it('accept a plain target when no parsed config is at hand', () => {
    expect(choices({ name: 'sentiment', toName: ['text'] }, 'Positive')).toMatchObject({
      from_name: 'sentiment',
      to_name: 'text',
      type: 'choices',
    });
  });
});
