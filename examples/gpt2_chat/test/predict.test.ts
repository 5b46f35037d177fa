import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  candidatesOf,
  LABEL_CONFIG,
  post,
  predictionOf,
  tinyChatService,
} from './tiny-chat-service.js';

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
  let ctx: Awaited<ReturnType<typeof tinyChatService>>;
  beforeAll(async () => {
    ctx = await tinyChatService({ count: 3, maxNewTokens: 12, seed: 7 });
  });
  afterAll(() => ctx.cleanup());

  it('answers a 4-turn dialogue with N non-empty candidates as one TextArea result', async () => {
    const { status, json } = await post(
      ctx.service,
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
    const one = await post(
      ctx.service,
      '/predict',
      predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]),
    );
    const batch = await post(
      ctx.service,
      '/predict',
      predictBody([
        { id: 2, data: { dialogue: DIALOGUE.slice(0, 3) } },
        { id: 1, data: { dialogue: DIALOGUE } },
      ]),
    );
    const again = await post(
      ctx.service,
      '/predict',
      predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]),
    );
    expect(again.json.results).toEqual(one.json.results);
    expect(predictionOf(batch.json, 1)).toEqual(predictionOf(one.json, 0));
    expect(candidatesOf(batch.json, 0)).not.toEqual(candidatesOf(one.json, 0));
  });

  it('accepts a plain-text dialogue bound to <Text>', async () => {
    const config = `<View><Text name="chat" value="$chat"/><TextArea name="reply" toName="chat"/></View>`;
    const { status, json } = await post(ctx.service, '/predict', {
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
    const alone = await post(
      ctx.service,
      '/predict',
      predictBody([{ id: 9, data: { dialogue: 42 } }]),
    );
    expect(alone.status).toBe(422);
    expect(alone.json.error).toMatch(/^Task 9: data\.dialogue must be a dialogue/);
    const batch = await post(
      ctx.service,
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
    const parallel = await tinyChatService({ count: 3, maxNewTokens: 12, seed: 7 }, 3);
    try {
      const body = (id: number) => predictBody([{ id, data: { dialogue: DIALOGUE } }]);
      const alone: Awaited<ReturnType<typeof post>>[] = [];
      for (const id of [1, 2, 3]) alone.push(await post(parallel.service, '/predict', body(id)));
      const together = await Promise.all(
        [1, 2, 3, 1, 2, 3].map((id) => post(parallel.service, '/predict', body(id))),
      );
      together.forEach((r, i) => {
        expect(r.json.results).toEqual(alone[i % 3]!.json.results);
      });
    } finally {
      await parallel.cleanup();
    }
  });

  it('gives other candidates under another seed', async () => {
    const a = await tinyChatService({ count: 2, maxNewTokens: 10, seed: 1 });
    const b = await tinyChatService({ count: 2, maxNewTokens: 10, seed: 2 });
    try {
      const body = predictBody([{ id: 1, data: { dialogue: DIALOGUE } }]);
      const [ra, rb] = await Promise.all([
        post(a.service, '/predict', body),
        post(b.service, '/predict', body),
      ]);
      expect(candidatesOf(ra.json, 0)).not.toEqual(candidatesOf(rb.json, 0));
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });
});
