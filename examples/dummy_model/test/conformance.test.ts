import {
  BBOX_CONFIG,
  labelStudioRequests,
  NER_CONFIG,
  predictResponseProblems,
  SENTIMENT_CONFIG,
  serveInProcess,
} from '@lsml/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { dummy } from '../src/model.js';

/** Replays the requests of every Label Studio era against dummy and checks what LS reads. */
const service = serveInProcess(dummy);
afterAll(() => service.close());

interface Results {
  results: { model_version: string; score: number; result: { value: Record<string, unknown> }[] }[];
}

describe('Label Studio conformance (dummy)', () => {
  for (const request of labelStudioRequests()) {
    it(`${request.era}: ${request.name}`, async () => {
      const { status, headers, body } = await service.request(request.path, request.body, {
        method: request.method,
      });
      expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(300);
      expect(headers.get('content-type')).toMatch(/application\/json/);
      if (request.path === '/health')
        expect(body).toMatchObject({ status: 'UP', model_class: 'dummy' });
      if (request.path === '/setup') expect(body.model_version).toMatch(/^dummy-v\d+$/);
      if (request.path === '/predict') {
        const tasks = (request.body as { tasks: unknown[] }).tasks;
        expect(predictResponseProblems(body, tasks.length, SENTIMENT_CONFIG)).toEqual([]);
      }
      if (request.name.includes('START_TRAINING') || request.path === '/train')
        expect(typeof body.job).toBe('string');
      if (request.path === '/versions') expect(Array.isArray(body.versions)).toBe(true);
    });
  }

  it('after training, /setup returns a new version so Label Studio re-predicts', async () => {
    await service.trainer.idle();
    const setup = { project: '77.1', schema: SENTIMENT_CONFIG };
    const before = (await service.request('/setup', setup)).body.model_version;
    await service.request('/webhook', {
      action: 'START_TRAINING',
      project: { id: 77, label_config: SENTIMENT_CONFIG },
    });
    await service.trainer.idle();
    const after = (await service.request('/setup', setup)).body.model_version;
    expect(before).toBe('dummy-v0');
    expect(after).toBe('dummy-v1');
    const predict = await service.request<Results>('/predict', {
      tasks: [{ id: 1, data: { text: 'x' } }],
      project: '77.1',
      label_config: SENTIMENT_CONFIG,
    });
    expect(predict.body.results[0]?.model_version).toBe('dummy-v1');
  });

  it.each([
    ['NER spans', NER_CONFIG, { text: 'Alice works at Acme' }],
    ['bounding boxes', BBOX_CONFIG, { image: 'https://example.com/cat.jpg' }],
  ])('answers valid %s, the same for the same task', async (_name, config, data) => {
    const ask = () =>
      service.request<Results>('/predict', {
        tasks: [
          { id: 7, data },
          { id: 8, data },
        ],
        project: '79.1',
        label_config: config,
      });
    const { status, body } = await ask();
    expect(status).toBe(200);
    expect(predictResponseProblems(body, 2, config)).toEqual([]);
    expect(body.results.every((p) => p.result.length === 1)).toBe(true);
    expect((await ask()).body).toEqual(body);
  });
});

describe('dummy learns the most frequent label per control', () => {
  const CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive" alias="pos"/><Choice value="Negative" alias="neg"/></Choices>
  <Rating name="stars" toName="text"/>
</View>`;
  const answered = (choice: string) => [
    { from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [choice] } },
    { from_name: 'stars', to_name: 'text', type: 'rating', value: { rating: 5 } },
  ];

  it('counts labels by the key Label Studio stores, old annotations by value included', async () => {
    const tasks = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, data: { text: `t${i}` } }));
    const predict = async () =>
      (await service.request<Results>('/predict', { tasks, project: '90.1', label_config: CONFIG }))
        .body.results;
    const untrained = new Set(
      (await predict()).map((p) => JSON.stringify(p.result[0]?.value.choices)),
    );
    expect(untrained.size).toBe(2);
    // "Positive" (the value, from before the alias existed) counts as "pos": 3 against 2.
    for (const [id, choice] of ['neg', 'Positive', 'pos', 'neg', 'pos'].entries()) {
      const res = await service.request('/webhook', {
        action: 'ANNOTATION_CREATED',
        project: { id: 90, label_config: CONFIG },
        task: { id: 100 + id, data: { text: 'x' } },
        annotation: { id: 100 + id, result: answered(choice) },
      });
      expect(res.status).toBe(201);
    }
    await service.trainer.idle();
    const versions = await service.request<{
      projects: Record<string, { versions: { trainingSetSize: number }[] }>;
    }>('/versions?project=90');
    expect(versions.body.projects['90']?.versions.at(-1)?.trainingSetSize).toBe(5);
    const trained = await predict();
    expect(trained.map((p) => p.result[0]?.value.choices)).toEqual(tasks.map(() => ['pos']));
    // A control without labels (the rating) still gets its example answer.
    expect(trained.every((p) => typeof p.result[1]?.value.rating === 'number')).toBe(true);
  });
});

describe('dummy answers every control', () => {
  // The per-control shapes are tested in @lsml/core's example answers; here, that every one
  // reaches Label Studio through /predict, valid for its config.
  const image = { image: 'https://example.com/cat.jpg' };
  it.each([
    ['TextArea on Text', '<Text name="t" value="$t"/><TextArea name="a" toName="t"/>', { t: 'x' }],
    ['Rating on Text', '<Text name="t" value="$t"/><Rating name="r" toName="t"/>', { t: 'x' }],
    [
      'per-region TextArea on boxes',
      '<Image name="image" value="$image"/><RectangleLabels name="b" toName="image"><Label value="Sign"/></RectangleLabels><TextArea name="ocr" toName="image" perRegion="true"/>',
      image,
    ],
    [
      'Rectangle + Labels',
      '<Image name="image" value="$image"/><Rectangle name="box" toName="image"/><Labels name="l" toName="image"><Label value="Car"/></Labels>',
      image,
    ],
    ['Ranker', '<Ranker name="rank" value="$items"/>', { items: [{ id: 'a' }, { id: 'b' }] }],
  ])('%s', async (_name, body, data) => {
    const config = `<View>${body}</View>`;
    const setup = await service.request('/setup', { project: '91.1', schema: config });
    expect(setup.status).toBe(200);
    const res = await service.request<Results>('/predict', {
      tasks: [{ id: 1, data }],
      project: '91.1',
      label_config: config,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(predictResponseProblems(res.body, 1, config)).toEqual([]);
    expect(res.body.results[0]?.result.length).toBeGreaterThan(0);
  });
});
