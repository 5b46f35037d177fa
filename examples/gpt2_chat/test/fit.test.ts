import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveInProcess } from '@lsml/testing';
import { createGpt2Chat } from '../src/model.js';
import { candidatesOf, chatService, debugOf, LABEL_CONFIG } from './chat-service.js';

const labeled = (id: number, turns: [string, string][], accepted: string[]) => ({
  id,
  data: { dialogue: turns.map(([author, text]) => ({ author, text })) },
  annotations: [
    {
      id: id * 10,
      result: [
        {
          from_name: 'response',
          to_name: 'dialogue',
          type: 'textarea',
          value: { text: accepted },
        },
      ],
    },
  ],
});

const REFUND = labeled(
  11,
  [
    ['Customer', 'I want a refund for my broken kettle.'],
    ['Agent', 'I am sorry. When did you buy the kettle?'],
    ['Customer', 'Two weeks ago, the kettle stopped working.'],
  ],
  ['A refund for the kettle is on its way within 3 days.'],
);
const WEATHER = labeled(
  12,
  [
    ['User', 'Will it rain in Paris tomorrow?'],
    ['Bot', 'Let me look at the forecast.'],
    ['User', 'Thanks, I need to know about the rain.'],
  ],
  ['Light rain in Paris after noon, bring an umbrella.'],
);
const CANCELLED = { ...labeled(13, [['User', 'skip me']], ['never shown']) };
CANCELLED.annotations[0] = { ...CANCELLED.annotations[0]!, was_cancelled: true } as never;

/** Fast predictions whose `meta` shows the prompt. */
const ONE_SHORT_CANDIDATE = {
  NUM_RESPONSES: '1',
  MAX_NEW_TOKENS: '6',
  SEED: '3',
  LSML_DEBUG_PROMPT: '1',
};

describe('gpt2_chat fit: accepted responses become few-shot examples', () => {
  let ctx: Awaited<ReturnType<typeof chatService>>;
  beforeAll(async () => {
    ctx = await chatService({
      NUM_RESPONSES: '2',
      MAX_NEW_TOKENS: '8',
      SEED: '3',
      LSML_DEBUG_PROMPT: '1',
      FEW_SHOT_EXAMPLES: '1',
    });
  });
  afterAll(() => ctx.close());

  const predictRefund = () =>
    ctx.post('/predict', {
      tasks: [
        {
          id: 99,
          data: {
            dialogue: [
              { author: 'Customer', text: 'My kettle broke, can I get a refund?' },
              { author: 'Agent', text: 'Of course, tell me more.' },
              { author: 'Customer', text: 'The kettle does not heat.' },
            ],
          },
        },
      ],
      label_config: LABEL_CONFIG,
      project: '5',
    });

  it('shows the prompt through the debug hook, without examples before training', async () => {
    const { json } = await predictRefund();
    const { prompt, few_shot_task_ids } = debugOf(json);
    expect(few_shot_task_ids).toEqual([]);
    expect(prompt).toBe(
      'Customer: My kettle broke, can I get a refund?\nAgent: Of course, tell me more.\nCustomer: The kettle does not heat.\nAgent:',
    );
  });

  it('puts the most similar accepted dialogue in the prompt after training', async () => {
    const train = await ctx.post('/train', {
      annotations: [WEATHER, REFUND, CANCELLED],
      project: '5',
      label_config: LABEL_CONFIG,
    });
    expect(train.status).toBe(201);
    await ctx.service.trainer.idle();
    const versions = (await ctx.service.runtime.versions('5'))['5'];
    expect(versions?.versions).toHaveLength(1);

    const { json } = await predictRefund();
    expect(json.model_version).toBe(versions?.current);
    const { prompt, few_shot_task_ids } = debugOf(json);
    // One example allowed (FEW_SHOT_EXAMPLES=1): the refund dialogue is the closest.
    expect(few_shot_task_ids).toEqual(['11']);
    expect(prompt).toContain(
      'Customer: Two weeks ago, the kettle stopped working.\nAgent: A refund for the kettle is on its way within 3 days.\n\nCustomer: My kettle broke',
    );
    expect(prompt).not.toContain('umbrella');
    expect(prompt).not.toContain('never shown');
    expect(prompt.endsWith('Customer: The kettle does not heat.\nAgent:')).toBe(true);
  });
});

describe('gpt2_chat prompt budget', () => {
  it('keeps examples out when they do not fit the context, and the dialogue always in', async () => {
    const ctx = await chatService({
      NUM_RESPONSES: '1',
      MAX_NEW_TOKENS: '8',
      SEED: '3',
      LSML_DEBUG_PROMPT: '1',
      CONTEXT_TOKENS: '120',
    });
    try {
      await ctx.post('/train', {
        annotations: [REFUND, WEATHER],
        project: '6',
        label_config: LABEL_CONFIG,
      });
      await ctx.service.trainer.idle();
      const long = Array.from({ length: 12 }, (_, i) => ({
        author: i % 2 ? 'Agent' : 'Customer',
        text: `kettle refund message number ${i}`,
      }));
      const { json } = await ctx.post('/predict', {
        tasks: [{ id: 1, data: { dialogue: long } }],
        label_config: LABEL_CONFIG,
        project: '6',
      });
      const { prompt, few_shot_task_ids } = debugOf(json);
      expect(few_shot_task_ids).toEqual([]);
      expect(prompt.endsWith('Agent: kettle refund message number 11\nCustomer:')).toBe(true);
      expect(prompt).not.toContain('number 0\n');
      expect(candidatesOf(json)).toHaveLength(1);
    } finally {
      await ctx.close();
    }
  });
});

describe('gpt2_chat dialogues kept in files (Paragraphs valueType="url")', () => {
  const asFile = (turns: unknown) =>
    `data:application/json;base64,${Buffer.from(JSON.stringify(turns)).toString('base64')}`;

  it('reads the dialogue JSON behind a URL or data URI, in predict and in fit', async () => {
    const ctx = await chatService(ONE_SHORT_CANDIDATE);
    try {
      const inFile = { ...REFUND, data: { dialogue: asFile(REFUND.data.dialogue) } };
      await ctx.post('/train', {
        annotations: [inFile],
        project: '7',
        label_config: LABEL_CONFIG,
      });
      await ctx.service.trainer.idle();
      const { status, json } = await ctx.post('/predict', {
        tasks: [
          { id: 1, data: { dialogue: asFile([{ author: 'Customer', text: 'kettle refund?' }]) } },
        ],
        label_config: LABEL_CONFIG,
        project: '7',
      });
      expect(status).toBe(200);
      const { prompt, few_shot_task_ids } = debugOf(json);
      expect(few_shot_task_ids).toEqual(['11']);
      expect(prompt.endsWith('Customer: kettle refund?\nAssistant:')).toBe(true);
      expect(prompt).toContain('A refund for the kettle is on its way within 3 days.');

      const broken = await ctx.post('/predict', {
        tasks: [{ id: 2, data: { dialogue: 'data:application/json,not json' } }],
        label_config: LABEL_CONFIG,
        project: '7',
      });
      expect(broken.status).toBe(422);
      expect(broken.json.error).toBe('Task 2: data.dialogue points to a file that is not JSON');
    } finally {
      await ctx.close();
    }
  });
});

describe('gpt2_chat fit through /webhook, with tasks it cannot learn from', () => {
  const NOT_JSON = {
    ...labeled(14, [], ['never learnt']),
    data: { dialogue: 'data:application/json,{oops' },
  };
  const event = (tasks: { id: number; data: unknown; annotations: object[] }[]) => ({
    action: 'ANNOTATIONS_CREATED',
    project: { id: 8, label_config: LABEL_CONFIG },
    task: tasks.map(({ id, data }) => ({ id, data })),
    annotation: tasks.map(({ id, annotations }) => ({ ...annotations[0], task: id })),
  });

  it('skips an unreadable dialogue (listed in the job), ignores a cancelled annotation, learns the rest', async () => {
    const ctx = await chatService(ONE_SHORT_CANDIDATE);
    try {
      const first = await ctx.post('/webhook', event([REFUND, NOT_JSON, CANCELLED]));
      expect(first.status).toBe(201);
      await ctx.service.trainer.idle();
      expect((await ctx.service.trainer.job(first.json.job!))?.result).toMatchObject({
        status: 'trained',
        trainingSetSize: 1,
        skippedCount: 1,
        skipped: [
          {
            task: 14,
            reason: 'VALIDATION_FAILED: data.dialogue points to a file that is not JSON',
          },
        ],
      });
      const ask = (id: number) =>
        ctx.post('/predict', {
          tasks: [{ id, data: { dialogue: [{ author: 'User', text: 'kettle refund? rain?' }] } }],
          label_config: LABEL_CONFIG,
          project: '8',
        });
      expect(debugOf((await ask(1)).json).few_shot_task_ids).toEqual(['11']);

      // The unreadable task stays in the training set: the next run skips it again and trains.
      const next = await ctx.post('/webhook', event([WEATHER]));
      await ctx.service.trainer.idle();
      expect((await ctx.service.trainer.job(next.json.job!))?.result).toMatchObject({
        status: 'trained',
        trainingSetSize: 2,
        skippedCount: 1,
      });
      const { json } = await ask(2);
      expect([...debugOf(json).few_shot_task_ids].sort()).toEqual(['11', '12']);
      expect(debugOf(json).prompt).not.toMatch(/never learnt|never shown/);
      expect((await ctx.service.runtime.versions('8'))['8']?.versions).toHaveLength(2);
    } finally {
      await ctx.close();
    }
  });
  it('trains without init, as src/worker.ts runs it: fit never needs the language model', async () => {
    const env = { MODEL_ID: '/no/such/model', LSML_OFFLINE: '1' };
    const worker = serveInProcess({ ...createGpt2Chat({ env }), init: undefined });
    try {
      const { body } = await worker.request<{ job: string }>('/webhook', event([REFUND]));
      await worker.trainer.idle();
      expect((await worker.trainer.job(body.job))?.result).toMatchObject({
        status: 'trained',
        trainingSetSize: 1,
      });
    } finally {
      await worker.close();
    }
  });
});
