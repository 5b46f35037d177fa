import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lsml/core';
import { useTinyModel } from '@lsml/testing/tiny-models';
import { createGpt2Chat } from '../src/model.js';
import { candidatesOf, chatService, LABEL_CONFIG, predictionOf } from './chat-service.js';

const DIALOGUE = [
  { author: 'Customer', text: 'Hi, my order has not arrived yet.' },
  { author: 'Agent', text: 'Sorry to hear that. What is the order number?' },
  { author: 'Customer', text: 'It is 12345, placed last Monday.' },
  { author: 'Agent', text: 'Thanks, let me check the tracking for you.' },
];

const predictBody = (tasks: unknown[]) => ({
  tasks,
  label_config: LABEL_CONFIG,
  project: '1.1700000000',
});

describe('gpt2_chat /predict on the tiny GPT-2', () => {
  let ctx: Awaited<ReturnType<typeof chatService>>;
  beforeAll(async () => {
    ctx = await chatService({ NUM_RESPONSES: '3', MAX_NEW_TOKENS: '12', SEED: '7' });
  });
  afterAll(() => ctx.close());

  it('answers a 4-turn dialogue with N non-empty candidates as one TextArea result', async () => {
    const { status, json } = await ctx.post(
      '/predict',
      predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]),
    );
    expect(status).toBe(200);
    const prediction = predictionOf(json);
    expect(prediction.result).toHaveLength(1);
    const result = prediction.result[0]!;
    expect(result).toMatchObject({ from_name: 'response', to_name: 'dialogue', type: 'textarea' });
    expect(result.value.text).toHaveLength(3);
    for (const text of result.value.text) expect(text.trim()).not.toBe('');
    expect(prediction.score).toBeGreaterThan(0);
    expect(prediction.score).toBeLessThanOrEqual(1);
    expect(prediction.meta).toBeUndefined();
  });

  it('gives the same candidates for the same seed, whatever the batch', async () => {
    const one = await ctx.post('/predict', predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]));
    const batch = await ctx.post(
      '/predict',
      predictBody([
        { id: 2, data: { dialogue: DIALOGUE.slice(0, 3) } },
        { id: 1, data: { dialogue: DIALOGUE } },
      ]),
    );
    const again = await ctx.post(
      '/predict',
      predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]),
    );
    expect(again.json.results).toEqual(one.json.results);
    expect(predictionOf(batch.json, 1)).toEqual(predictionOf(one.json, 0));
    expect(candidatesOf(batch.json, 0)).not.toEqual(candidatesOf(one.json, 0));
  });

  it('accepts a plain-text dialogue bound to <Text>', async () => {
    const config = `<View><Text name="chat" value="$chat"/><TextArea name="reply" toName="chat"/></View>`;
    const { status, json } = await ctx.post('/predict', {
      tasks: [
        { id: 3, data: { chat: 'User: hello\nBot: hi, how can I help?\nUser: tell me a joke' } },
      ],
      label_config: config,
      project: '2',
    });
    expect(status).toBe(200);
    expect(predictionOf(json, 0).result[0]).toMatchObject({ from_name: 'reply', to_name: 'chat' });
  });

  it('names the task when its dialogue is unusable, and spares the rest of a batch', async () => {
    const alone = await ctx.post('/predict', predictBody([{ id: 9, data: { dialogue: 42 } }]));
    expect(alone.status).toBe(422);
    expect(alone.json.error).toMatch(/^Task 9: data\.dialogue must be a dialogue/);
    const batch = await ctx.post(
      '/predict',
      predictBody([
        { id: 9, data: { dialogue: 42 } },
        { id: 1, data: { dialogue: DIALOGUE } },
      ]),
    );
    expect(batch.status).toBe(200);
    expect(predictionOf(batch.json, 0).result).toEqual([]);
    expect(candidatesOf(batch.json, 1)).toHaveLength(3);
  });
});

describe('gpt2_chat sampling', () => {
  it('gives the same candidates when generations run concurrently (no shared random state)', async () => {
    const parallel = await chatService({
      NUM_RESPONSES: '3',
      MAX_NEW_TOKENS: '12',
      SEED: '7',
      LSML_INFERENCE_CONCURRENCY: '3',
    });
    try {
      const body = (id: number) => predictBody([{ id, data: { dialogue: DIALOGUE } }]);
      const alone: Awaited<ReturnType<typeof parallel.post>>[] = [];
      for (const id of [1, 2, 3]) alone.push(await parallel.post('/predict', body(id)));
      const together = await Promise.all(
        [1, 2, 3, 1, 2, 3].map((id) => parallel.post('/predict', body(id))),
      );
      together.forEach((r, i) => {
        expect(r.json.results).toEqual(alone[i % 3]!.json.results);
      });
    } finally {
      await parallel.close();
    }
  });

  it('gives other candidates under another seed', async () => {
    const a = await chatService({ NUM_RESPONSES: '2', MAX_NEW_TOKENS: '10', SEED: '1' });
    const b = await chatService({ NUM_RESPONSES: '2', MAX_NEW_TOKENS: '10', SEED: '2' });
    try {
      const body = predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]);
      const [ra, rb] = await Promise.all([a.post('/predict', body), b.post('/predict', body)]);
      expect(candidatesOf(ra.json, 0)).not.toEqual(candidatesOf(rb.json, 0));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('gpt2_chat refuses what it cannot use, saying what to change', () => {
  it('a label config without a TextArea on a dialogue: /setup answers 422 with an example', async () => {
    const ctx = await chatService({});
    try {
      const { status, json } = await ctx.post('/setup', {
        project: '3',
        schema:
          '<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="A"/></Choices></View>',
      });
      expect(status).toBe(422);
      expect(json.error).toBe(
        'The label config needs a <TextArea> control bound to a <Paragraphs> or <Text> whose value is a "$key". gpt2_chat writes the next turn of the dialogue there, e.g. <Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/> <TextArea name="response" toName="dialogue"/>',
      );
    } finally {
      await ctx.close();
    }
  });

  it('settings that cannot work stop init (the process start) with the variable named', async () => {
    const init = async (vars: Record<string, string>) => {
      const model = await useTinyModel('gpt2', vars);
      try {
        const signal = new AbortController().signal;
        await createGpt2Chat({ env: model.env }).init?.({ log: createLogger('silent'), signal });
      } finally {
        await model.remove();
      }
    };
    await expect(init({ NUM_RESPONSES: '0' })).rejects.toThrow(
      'NUM_RESPONSES="0" must be a whole number ≥ 1',
    );
    await expect(init({ MAX_NEW_TOKENS: '1020' })).rejects.toThrow(
      'MAX_NEW_TOKENS=1020 leaves no room for the prompt in a 1024-token context',
    );
  });
});
