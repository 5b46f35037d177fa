import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService } from '../../test/helpers.js';
import { assertJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';

/** Bodies nested past the limit are refused before anything is stored or acknowledged. */
let current: ReturnType<typeof testService> | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

/** `levels` objects nested in one another, `{"x": {"x": … {}}}`, as JSON text (stringify recurses). */
const nested = (levels: number) => '{"x":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);

// body (1) → task (2) → data (3) → `levels` more.
const webhook = (id: number, levels: number) =>
  `{"action":"ANNOTATION_CREATED","project":{"id":3},"annotation":{"id":${String(id)},"result":[]},` +
  `"task":{"id":${String(id)},"data":{"text":"hi","deep":${nested(levels)}}}}`;
const LIMIT_MESSAGE = /nests deeper than 1000 levels, the limit for \/webhook and \/train/;

describe('nesting limit of /webhook and /train', () => {
  it('stores a webhook exactly at the limit and refuses one level more with a 422', async () => {
    current = testService(echoBackend(), { trainEvery: 1000 });
    const { app, runtime } = current;
    const atLimit = await postJson(app, '/webhook', webhook(1, MAX_JSON_DEPTH - 3));
    expect(atLimit.status).toBe(201);
    const over = await postJson(app, '/webhook', webhook(2, MAX_JSON_DEPTH - 2));
    expect(over.status).toBe(422);
    expect(await over.json()).toEqual({
      code: 'VALIDATION_FAILED',
      error: expect.stringMatching(
        /^Invalid request body: task\.data\.deep\.x\.x\.x… nests/,
      ) as string,
    });
    expect((await runtime.trainingData.all('3')).map((i) => i.task.id)).toEqual([1]);
  });

  it('refuses 5,000 levels on /webhook and /train, and keeps serving', async () => {
    current = testService(echoBackend(), { trainEvery: 1000 });
    const { app, runtime } = current;
    const deepWebhook = await postJson(app, '/webhook', webhook(1, 5000));
    expect(deepWebhook.status).toBe(422);
    expect(((await deepWebhook.json()) as { error: string }).error).toMatch(LIMIT_MESSAGE);

    const deepTrain = await postJson(
      app,
      '/train',
      `{"project":3,"annotations":[{"id":1,"annotations":[{"id":1,"result":[]}],"data":${nested(5000)}}]}`,
    );
    expect(deepTrain.status).toBe(422);
    expect(((await deepTrain.json()) as { error: string }).error).toMatch(
      /^Invalid request body: annotations\[0\]\.data\.x\.x\.x… nests deeper/,
    );

    expect((await postJson(app, '/webhook', webhook(2, 10))).status).toBe(201);
    expect((await runtime.trainingData.all('3')).map((i) => i.task.id)).toEqual([2]);
  });

  it('walks without recursion: a million levels are refused, not a stack overflow', () => {
    let value: unknown[] = [];
    for (let i = 0; i < 1_000_000; i++) value = [value];
    expect(() => {
      assertJsonDepth(value);
    }).toThrow(/^Invalid request body: \[0\]\[0\]\[0\]\[0\]\[0\]\[0\]… nests deeper than 1000/);
    expect(() => {
      assertJsonDepth({ a: [{ b: 1 }, 'x', null] }, 3);
    }).not.toThrow();
    expect(() => {
      assertJsonDepth({ a: [{ b: {} }] }, 3);
    }).toThrow(/a\[0\]\.b nests deeper than 3 levels/);
  });
});
