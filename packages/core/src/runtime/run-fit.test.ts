import { afterEach, describe, expect, it } from 'vitest';
import { postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';
import { defineBackend } from '../contract/backend.js';
import { LsmlError } from '../errors/index.js';

const services: { cleanup(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.cleanup();
});

const annotated = (taskId: number, url: string) => ({
  action: 'ANNOTATION_CREATED',
  project: { id: 2, label_config: TEXT_CONFIG },
  task: { id: taskId, data: { text: url } },
  annotation: {
    id: taskId,
    result: [
      {
        from_name: 'sentiment',
        to_name: 'text',
        type: 'choices',
        value: { choices: ['Positive'] },
      },
    ],
  },
});

/** Learns the lengths of the texts its tasks' URLs hold; "down" URLs cannot be read. */
const reader = defineBackend<{ lengths: number[] }>({
  name: 'reader',
  predict: (tasks) => tasks.map(() => ({ result: [] })),
  async fit(ctx) {
    const lengths = await ctx.mapExamples(async ({ task }) => {
      const url = String(task.data.text);
      if (url.includes('down'))
        throw new LsmlError('DATA_FETCH_FAILED', `Cannot fetch ${url}: ECONNREFUSED`);
      if (url.includes('empty')) return undefined;
      await Promise.resolve();
      return url.length;
    });
    const unlabeled = ctx.annotations.find(({ task }) => String(task.data.text) === 'odd');
    if (unlabeled) ctx.skip(unlabeled, 'its answer names no label of this config');
    return { status: 'trained', model: { lengths } };
  },
});

describe('a training run with examples it cannot use', () => {
  it('skips them, lists them in the job result, and trains on the rest', async () => {
    const s = testService(reader);
    services.push(s);
    const urls = ['http://a/1', 'http://down/2', 'http://a/333', 'empty', 'odd'];
    // One bulk event: one training run.
    const events = urls.map((url, i) => annotated(i + 1, url));
    const res0 = await postJson(s.app, '/webhook', {
      action: 'ANNOTATIONS_CREATED',
      project: { id: 2, label_config: TEXT_CONFIG },
      task: events.map((e) => e.task),
      annotation: events.map((e) => ({ ...e.annotation, task: e.task.id })),
    });
    const { job } = (await res0.json()) as { job: string };
    await s.trainer.idle();
    const info = await s.trainer.job(job);
    expect(info?.result).toMatchObject({
      status: 'trained',
      trainingSetSize: 3,
      skippedCount: 2,
      skipped: [
        { task: 2, reason: 'DATA_FETCH_FAILED: Cannot fetch http://down/2: ECONNREFUSED' },
        { task: 5, reason: 'its answer names no label of this config' },
      ],
    });
    expect((await s.runtime.models.get('2')).model?.lengths).toEqual([10, 12, 3]);
    // The next run is not poisoned by the unreadable task either.
    const res = await postJson(s.app, '/webhook', annotated(6, 'http://a/66'));
    const next = ((await res.json()) as { job: string }).job;
    await s.trainer.idle();
    expect((await s.trainer.job(next))?.result).toMatchObject({
      status: 'trained',
      skippedCount: 2,
    });
    expect(s.metrics.render()).toMatch(/lsml_training_examples_skipped_total 4/);
  });

  it('maps over another list when fit gives one (e.g. the set pulled from Label Studio)', async () => {
    const extra = annotated(90, 'http://down/90');
    const fromElsewhere = defineBackend<{ urls: string[] }>({
      name: 'elsewhere',
      predict: (tasks) => tasks.map(() => ({ result: [] })),
      async fit(ctx) {
        const examples = [...ctx.annotations, { task: extra.task, annotation: extra.annotation }];
        const urls = await ctx.mapExamples(
          ({ task }) => {
            const url = String(task.data.text);
            if (url.includes('down')) throw new Error(`Cannot fetch ${url}`);
            return url;
          },
          { examples },
        );
        return { status: 'trained', model: { urls } };
      },
    });
    const s = testService(fromElsewhere);
    services.push(s);
    const res = await postJson(s.app, '/webhook', annotated(1, 'http://a/1'));
    const { job } = (await res.json()) as { job: string };
    await s.trainer.idle();
    expect((await s.trainer.job(job))?.result).toMatchObject({
      status: 'trained',
      skipped: [{ task: 90, reason: 'Cannot fetch http://down/90' }],
    });
    expect((await s.runtime.models.get('2')).model?.urls).toEqual(['http://a/1']);
  });
});
