import { describe, expect, it } from 'vitest';
import type { RegionResult, Task } from '../contract/types.js';
import { parseLabelConfig } from '../label-config/index.js';
import { decodeRle } from './brush-rle.js';
import { checkPrediction } from './check-prediction.js';
import { examplePrediction } from './example-prediction.js';

/** A PNG data URI: only the header is read, so the header is all there is. */
function pngUri(width: number, height: number): string {
  const header = Buffer.alloc(24);
  header.writeUInt32BE(0x89504e47, 0);
  header.writeUInt32BE(0x0d0a1a0a, 4);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return `data:image/png;base64,${header.toString('base64')}`;
}

const IMAGE = { image: pngUri(96, 64) };
const TEXT = { text: 'Alice met Bob at the Acme office in Paris.' };
const DIALOGUE = { dialogue: [{ author: 'A', text: 'Hello there, how are you?' }] };
const img = '<Image name="image" value="$image"/>';
const txt = '<Text name="text" value="$text"/>';

/** Answers for tasks 1–24 of a config, each checked against it. */
function answers(body: string, data: Record<string, unknown>) {
  const li = parseLabelConfig(`<View>${body}</View>`);
  return Array.from({ length: 24 }, (_, i) => {
    const task: Task = { id: i + 1, data };
    const prediction = examplePrediction(li, task);
    expect(checkPrediction(prediction, li), JSON.stringify(prediction)).toEqual([]);
    expect(examplePrediction(li, task), 'the same task, the same answer').toEqual(prediction);
    return prediction.result;
  });
}

/** What a result answers: its labels, taxonomy paths, number, ranking, side or text. */
function answered(r: RegionResult): unknown[] {
  if (r.type === 'relation') return (r.labels as string[] | undefined) ?? [];
  const v = r.value as Record<string, unknown> | undefined;
  if (!v) return [];
  if (r.type === 'taxonomy') return (v.taxonomy as string[][]).map((p) => p.join('/'));
  if (r.type === 'ranker') return [(v.ranker as string[]).join(',')];
  for (const key of ['choices', 'labels', r.type, 'rating', 'number', 'selected', 'text']) {
    const given = v[key];
    if (given !== undefined && r.type !== 'datetime') return Array.isArray(given) ? given : [given];
  }
  return [];
}

const shape = (r: RegionResult) =>
  `${r.from_name}:${r.type}:${Object.keys(r.value).sort().join(',')}`;

// One row per control kind: the config, the task data, the results each task gets (from_name:
// type:value keys), and every answer tasks 1–24 give between them (labels as Label Studio
// stores them), unless undefined.
describe('examplePrediction answers every control in the shape Label Studio stores', () => {
  it.each<[string, string, Record<string, unknown>, string[], unknown[] | undefined]>([
    [
      'Choices (aliases stored)',
      `${txt}<Choices name="c" toName="text"><Choice value="Positive" alias="pos"/><Choice value="Negative"/></Choices>`,
      TEXT,
      ['c:choices:choices'],
      ['pos', 'Negative'],
    ],
    [
      'Taxonomy (whole paths)',
      `${txt}<Taxonomy name="t" toName="text"><Choice value="Animal"><Choice value="Cat" alias="cat"/></Choice><Choice value="Plant"/></Taxonomy>`,
      TEXT,
      ['t:taxonomy:taxonomy'],
      ['Animal', 'Animal/cat', 'Plant'],
    ],
    [
      'Labels on Text',
      `${txt}<Labels name="l" toName="text"><Label value="PER"/></Labels>`,
      TEXT,
      ['l:labels:end,labels,start,text'],
      ['PER'],
    ],
    [
      'HyperTextLabels',
      '<HyperText name="h" value="$html"/><HyperTextLabels name="l" toName="h"><Label value="PER"/></HyperTextLabels>',
      { html: '<div><p>Alice met Bob.</p></div>' },
      ['l:hypertextlabels:end,endOffset,hypertextlabels,start,startOffset,text'],
      ['PER'],
    ],
    [
      'ParagraphLabels',
      '<Paragraphs name="p" value="$dialogue"/><ParagraphLabels name="l" toName="p"><Label value="Greeting"/></ParagraphLabels>',
      DIALOGUE,
      ['l:paragraphlabels:end,endOffset,paragraphlabels,start,startOffset,text'],
      ['Greeting'],
    ],
    [
      'Labels on Audio',
      '<Audio name="a" value="$audio"/><Labels name="l" toName="a"><Label value="Speech"/></Labels>',
      { audio: 'https://example.com/a.wav' },
      ['l:labels:end,labels,start'],
      ['Speech'],
    ],
    [
      'TimeSeriesLabels',
      '<TimeSeries name="ts" value="$csv" valueType="url"><Channel column="v"/></TimeSeries><TimeSeriesLabels name="l" toName="ts"><Label value="Run"/></TimeSeriesLabels>',
      { csv: 'https://example.com/ts.csv' },
      ['l:timeserieslabels:end,instant,start,timeserieslabels'],
      ['Run'],
    ],
    [
      'RectangleLabels',
      `${img}<RectangleLabels name="r" toName="image"><Label value="Car"/><Label value="Person" alias="person"/></RectangleLabels>`,
      IMAGE,
      ['r:rectanglelabels:height,rectanglelabels,rotation,width,x,y'],
      ['Car', 'person'],
    ],
    [
      'PolygonLabels',
      `${img}<PolygonLabels name="r" toName="image"><Label value="Road"/></PolygonLabels>`,
      IMAGE,
      ['r:polygonlabels:closed,points,polygonlabels'],
      ['Road'],
    ],
    [
      'EllipseLabels',
      `${img}<EllipseLabels name="r" toName="image"><Label value="Cell"/></EllipseLabels>`,
      IMAGE,
      ['r:ellipselabels:ellipselabels,radiusX,radiusY,rotation,x,y'],
      ['Cell'],
    ],
    [
      'KeyPointLabels',
      `${img}<KeyPointLabels name="r" toName="image"><Label value="Nose"/></KeyPointLabels>`,
      IMAGE,
      ['r:keypointlabels:keypointlabels,width,x,y'],
      ['Nose'],
    ],
    [
      'BrushLabels',
      `${img}<BrushLabels name="r" toName="image"><Label value="Sky"/></BrushLabels>`,
      IMAGE,
      ['r:brushlabels:brushlabels,format,rle'],
      ['Sky'],
    ],
    [
      'Rectangle + Labels (two results sharing an id)',
      `${img}<Rectangle name="box" toName="image"/><Labels name="l" toName="image"><Label value="Car"/></Labels>`,
      IMAGE,
      ['box:rectangle:height,rotation,width,x,y', 'l:labels:height,labels,rotation,width,x,y'],
      ['Car'],
    ],
    [
      'a bare Rectangle',
      `${img}<Rectangle name="box" toName="image"/>`,
      IMAGE,
      ['box:rectangle:height,rotation,width,x,y'],
      [],
    ],
    [
      'Labels + VideoRectangle',
      '<Video name="v" value="$video"/><Labels name="l" toName="v"><Label value="Car"/></Labels><VideoRectangle name="box" toName="v"/>',
      { video: 'https://example.com/v.mp4' },
      ['box:videorectangle:labels,sequence'],
      ['Car'],
    ],
    [
      'TimelineLabels',
      '<Video name="v" value="$video"/><TimelineLabels name="t" toName="v"><Label value="Intro"/></TimelineLabels>',
      { video: 'https://example.com/v.mp4' },
      ['t:timelinelabels:ranges,timelinelabels'],
      ['Intro'],
    ],
    [
      'a per-region TextArea, on a region',
      `${img}<RectangleLabels name="r" toName="image"><Label value="Car"/></RectangleLabels><TextArea name="ocr" toName="image" perRegion="true"/>`,
      IMAGE,
      ['r:rectanglelabels:height,rectanglelabels,rotation,width,x,y', 'ocr:textarea:text'],
      ['Car', 'Text in the region.'],
    ],
    [
      'per-region Choices and Rating, on a span',
      `${txt}<Labels name="l" toName="text"><Label value="PER"/></Labels><Choices name="c" toName="text" perRegion="true"><Choice value="Real"/></Choices><Rating name="q" toName="text" perRegion="true"/>`,
      TEXT,
      ['l:labels:end,labels,start,text', 'c:choices:choices', 'q:rating:rating'],
      ['PER', 'Real', 1, 2, 3, 4, 5],
    ],
    [
      'Rating',
      `${txt}<Rating name="q" toName="text" maxRating="3"/>`,
      TEXT,
      ['q:rating:rating'],
      [1, 2, 3],
    ],
    [
      'Number',
      `${txt}<Number name="n" toName="text" min="2" max="4"/>`,
      TEXT,
      ['n:number:number'],
      [2, 3, 4],
    ],
    [
      'DateTime',
      `${txt}<DateTime name="d" toName="text" only="date"/>`,
      TEXT,
      ['d:datetime:datetime'],
      [],
    ],
    [
      'TextArea',
      `${txt}<TextArea name="s" toName="text"/>`,
      TEXT,
      ['s:textarea:text'],
      ['A short summary of the text.'],
    ],
    [
      'Pairwise (addressed to itself)',
      '<Text name="a" value="$a"/><Text name="b" value="$b"/><Pairwise name="p" toName="a,b"/>',
      { a: 'one', b: 'two' },
      ['p:pairwise:selected'],
      ['left', 'right'],
    ],
    [
      'Ranker (1.7.1: an object tag)',
      '<Ranker name="rank" value="$items" mode="rank"/>',
      { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
      ['rank:ranker:ranker'],
      ['a,b,c', 'b,c,a', 'c,a,b'],
    ],
    [
      'Relations between two spans',
      `${txt}<Labels name="l" toName="text"><Label value="PER"/></Labels><Relations><Relation value="knows"/></Relations>`,
      TEXT,
      ['l:labels:end,labels,start,text', 'l:labels:end,labels,start,text', 'undefined:relation:'],
      ['PER', 'knows'],
    ],
  ])('%s', (_name, body, data, shapes, labels) => {
    const all = answers(body, data);
    for (const result of all)
      expect(result.map((r) => (r.type === 'relation' ? 'undefined:relation:' : shape(r)))).toEqual(
        shapes,
      );
    const given = new Set(all.flatMap((result) => result.flatMap(answered)));
    if (labels) expect([...given].sort()).toEqual([...labels].sort());
  });
});

describe('examplePrediction', () => {
  it('gives a score in [0.5, 1) and different answers to different tasks', () => {
    const config = parseLabelConfig(
      `<View>${txt}<Rating name="q" toName="text" maxRating="10"/></View>`,
    );
    const ratings = new Set<unknown>();
    for (let id = 1; id <= 30; id++) {
      const { score, result } = examplePrediction(config, { id, data: TEXT });
      expect(score).toBeGreaterThanOrEqual(0.5);
      expect(score).toBeLessThan(1);
      ratings.add(result[0]?.value.rating);
    }
    expect(ratings.size).toBeGreaterThan(5);
    const seeded = examplePrediction(config, { id: 1, data: TEXT }, { seed: 7 });
    expect(seeded.score).not.toBe(examplePrediction(config, { id: 1, data: TEXT }).score);
  });

  it('answers the label it is told to, by key or value', () => {
    const li = parseLabelConfig(
      `<View>${txt}<Choices name="c" toName="text"><Choice value="Positive" alias="pos"/><Choice value="Negative"/></Choices></View>`,
    );
    for (const wanted of ['pos', 'Positive'])
      for (let id = 1; id <= 6; id++)
        expect(
          examplePrediction(li, { id, data: TEXT }, { labels: { c: wanted } }).result[0]?.value,
        ).toEqual({
          choices: ['pos'],
        });
  });

  it('puts a per-region answer on a region of the same prediction', () => {
    const li = parseLabelConfig(
      `<View>${img}<Choices name="attr" toName="image" perRegion="true"><Choice value="Occluded"/></Choices><RectangleLabels name="r" toName="image"><Label value="Car"/></RectangleLabels></View>`,
    );
    const [region, answer] = examplePrediction(li, { id: 3, data: IMAGE }).result;
    expect(answer?.from_name).toBe('attr');
    expect(answer?.id).toBeDefined();
    expect(answer?.id).toBe(region?.id);
    // With nothing to put it on, a per-region control gets no answer at all.
    const alone = parseLabelConfig(
      `<View>${img}<TextArea name="t" toName="image" perRegion="true"/></View>`,
    );
    expect(examplePrediction(alone, { id: 3, data: IMAGE }).result).toEqual([]);
  });

  it('draws a brush mask at the image size: from a data URI, the options, or else 64×64', () => {
    const li = parseLabelConfig(
      `<View>${img}<BrushLabels name="b" toName="image"><Label value="Sky"/></BrushLabels></View>`,
    );
    const pixels = (data: Record<string, unknown>, options = {}) => {
      const [mask] = examplePrediction(li, { id: 1, data }, options).result;
      return decodeRle(mask?.value.rle as number[]).length / 4;
    };
    expect(pixels(IMAGE)).toBe(96 * 64);
    const url = { image: 'https://example.com/a.jpg' };
    expect(pixels(url, { imageSizes: { image: { width: 30, height: 20 } } })).toBe(600);
    expect(pixels(url)).toBe(64 * 64);
  });

  it('formats DateTime as the editor writes it, and keeps Number within min/max', () => {
    const dt = (attrs: string) =>
      examplePrediction(
        parseLabelConfig(`<View>${txt}<DateTime name="d" toName="text" ${attrs}/></View>`),
        {
          id: 5,
          data: TEXT,
        },
      ).result[0]?.value.datetime;
    expect(dt('only="date"')).toMatch(/^2024-\d\d-\d\d$/);
    expect(dt('only="time"')).toMatch(/^\d\d:\d\d$/);
    expect(dt('')).toMatch(/^2024-\d\d-\d\dT\d\d:\d\d$/);
    expect(dt('format="%d/%m/%Y"')).toMatch(/^\d\d\/\d\d\/2024$/);
    const li = parseLabelConfig(
      `<View>${txt}<Number name="n" toName="text" min="-3" max="-1"/></View>`,
    );
    for (let id = 1; id <= 20; id++) {
      const n = examplePrediction(li, { id, data: TEXT }).result[0]?.value.number as number;
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(-1);
    }
  });

  it('leaves out what it cannot place: text not in the task, Labels on an Image without a tool', () => {
    const none = (body: string, data: Record<string, unknown>) =>
      examplePrediction(parseLabelConfig(`<View>${body}</View>`), { id: 1, data }).result;
    expect(
      none(
        '<Text name="t" value="$url" valueType="url"/><Labels name="l" toName="t"><Label value="A"/></Labels>',
        {
          url: 'https://example.com/a.txt',
        },
      ),
    ).toEqual([]);
    expect(
      none(`${img}<Labels name="l" toName="image"><Label value="A"/></Labels>`, IMAGE),
    ).toEqual([]);
    expect(none(`${txt}<Choices name="c" toName="text" value="$options"/>`, TEXT)).toEqual([]);
  });

  it('places a HyperText span on the first word, by XPath from the fragment root', () => {
    const li = parseLabelConfig(
      '<View><HyperText name="h" value="$html"/><HyperTextLabels name="l" toName="h"><Label value="T"/></HyperTextLabels></View>',
    );
    const html =
      '<!-- x --><div>\n <img src="a.png"><br/><h1>  Title</h1><p>Body <b>bold</b></p></div>';
    expect(examplePrediction(li, { id: 1, data: { html } }).result[0]?.value).toMatchObject({
      start: '/div[1]/h1[1]/text()[1]',
      startOffset: 2,
      endOffset: 7,
      text: 'Title',
    });
  });
});
