import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatesOf, debugOf, LABEL_CONFIG, post, tinyChatService } from './tiny-chat-service.js';

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

describe('gpt2_chat fit: accepted responses become few-shot examples', () => {
  let ctx: Awaited<ReturnType<typeof tinyChatService>>;
  beforeAll(async () => {
    ctx = await tinyChatService({
      count: 2,
      maxNewTokens: 8,
      seed: 3,
      debugPrompt: true,
      fewShotExamples: 1,
    });
  });
  afterAll(() => ctx.cleanup());

  const predictRefund = () =>
    post(ctx.service, '/predict', {
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
    const train = await post(ctx.service, '/train', {
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
    const ctx = await tinyChatService({
      count: 1,
      maxNewTokens: 8,
      seed: 3,
      debugPrompt: true,
      contextTokens: 120,
    });
    try {
      await post(ctx.service, '/train', {
        annotations: [REFUND, WEATHER],
        project: '6',
        label_config: LABEL_CONFIG,
      });
      await ctx.service.trainer.idle();
      const long = Array.from({ length: 12 }, (_, i) => ({
        author: i % 2 ? 'Agent' : 'Customer',
        text: `kettle refund message number ${i}`,
      }));
      const { json } = await post(ctx.service, '/predict', {
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
      await ctx.cleanup();
    }
  });
});

describe('gpt2_chat dialogues kept in files (Paragraphs valueType="url")', () => {
  const asFile = (turns: unknown) =>
    `data:application/json;base64,${Buffer.from(JSON.stringify(turns)).toString('base64')}`;

  it('reads the dialogue JSON behind a URL or data URI, in predict and in fit', async () => {
    const ctx = await tinyChatService({ count: 1, maxNewTokens: 6, seed: 3, debugPrompt: true });
    try {
      const inFile = { ...REFUND, data: { dialogue: asFile(REFUND.data.dialogue) } };
      await post(ctx.service, '/train', {
        annotations: [inFile],
        project: '7',
        label_config: LABEL_CONFIG,
      });
      await ctx.service.trainer.idle();
      const { status, json } = await post(ctx.service, '/predict', {
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

      const broken = await post(ctx.service, '/predict', {
        tasks: [{ id: 2, data: { dialogue: 'data:application/json,not json' } }],
        label_config: LABEL_CONFIG,
        project: '7',
      });
      expect(broken.status).toBe(422);
      expect(broken.json.error).toBe('Task 2: data.dialogue points to a file that is not JSON');
    } finally {
      await ctx.cleanup();
    }
  });
});
