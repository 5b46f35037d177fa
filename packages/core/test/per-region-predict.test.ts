import { afterEach, describe, expect, it } from 'vitest';
import { defineBackend, textarea, rectangle, type Prediction } from '../src/index.js';
import { postJson, testService } from './helpers.js';

const CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Sign"/></RectangleLabels>
  <TextArea name="ocr" toName="image" perRegion="true"/>
</View>`;

/** Predicts a box and a per-region transcription, on the box or (broken) on no region. */
const ocr = (onRegion: boolean) =>
  defineBackend({
    name: 'ocr',
    predict: (tasks, { labelInterface }) =>
      tasks.map((): Prediction => {
        const box = rectangle(
          labelInterface.control('box')!,
          { x: 1, y: 2, width: 30, height: 20 },
          'Sign',
          {
            id: 'b1',
          },
        );
        const text = textarea(labelInterface.control('ocr')!, 'STOP', { region: box });
        return { result: [box, onRegion ? text : { ...text, id: 'elsewhere' }] };
      }),
  });

let current: ReturnType<typeof testService> | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

async function predict(onRegion: boolean, validation: 'strict' | 'lenient') {
  current = testService(ocr(onRegion), { validation });
  const res = await postJson(current.app, '/predict', {
    tasks: [{ id: 1, data: { image: 'https://example.com/sign.jpg' } }],
    project: '1',
    label_config: CONFIG,
  });
  const body = (await res.json()) as { results?: Prediction[]; error?: string; code?: string };
  return { status: res.status, body };
}

describe('a per-region answer through /predict', () => {
  it('is served when it carries the id of a region of the prediction', async () => {
    const res = await predict(true, 'strict');
    expect(res.status).toBe(200);
    expect(res.body.results?.[0]?.result.map((r) => [r.from_name, r.id])).toEqual([
      ['box', 'b1'],
      ['ocr', 'b1'],
    ]);
  });

  it('fails the request in strict mode when its id names no region', async () => {
    const res = await predict(false, 'strict');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'INVALID_PREDICTION' });
    expect(res.body.error).toMatch(
      /<TextArea name="ocr"> is perRegion: id="elsewhere" names no region/,
    );
  });

  it('is dropped in lenient mode when its id names no region, the region kept', async () => {
    const res = await predict(false, 'lenient');
    expect(res.status).toBe(200);
    expect(res.body.results?.[0]?.result.map((r) => r.from_name)).toEqual(['box']);
  });
});
