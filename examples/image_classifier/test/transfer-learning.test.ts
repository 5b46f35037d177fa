import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choiceOf,
  classifierService,
  kindImage,
  labeledTask,
  type Kind,
} from './classifier-service.js';

const kinds: Kind[] = ['Red', 'Blue'];

describe('image_classifier: transfer learning, online', () => {
  let ctx: Awaited<ReturnType<typeof classifierService>>;
  let training: Awaited<ReturnType<typeof labeledTask>>[];
  let holdout: { kind: Kind; task: { id: number; data: { image: string } } }[];

  beforeAll(async () => {
    ctx = await classifierService();
    training = await Promise.all(
      Array.from({ length: 40 }, (_, i) => labeledTask(kinds[i % 2]!, 1000 + i)),
    );
    holdout = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const kind = kinds[i % 2]!;
        return { kind, task: { id: 5000 + i, data: { image: await kindImage(kind, 5000 + i) } } };
      }),
    );
  });
  afterAll(() => ctx.cleanup());

  it('predicts nothing, score 0, before any training', async () => {
    const results = await ctx.predict(holdout.slice(0, 3).map((h) => h.task));
    expect(results).toEqual(
      results.map(() => expect.objectContaining({ result: [], score: 0 }) as unknown),
    );
  });

  it('skips training until two classes are annotated', async () => {
    const job = await ctx.train(training.filter((_, i) => i % 2 === 0).slice(0, 5));
    expect(job.result).toMatchObject({ status: 'skipped' });
    expect(job.result?.reason).toContain('at least 2 classes');
  });

  it('after fit on 40 annotated images, classifies 20 new ones ≥ 90% right', async () => {
    const job = await ctx.train(training);
    expect(job.state, job.error).toBe('completed');
    expect(job.result).toMatchObject({ status: 'trained', trainingSetSize: 40 });

    const results = await ctx.predict(holdout.map((h) => h.task));
    const right = results.filter((r, i) => choiceOf(r) === holdout[i]!.kind).length;
    console.info(`image_classifier holdout accuracy: ${right}/20`);
    expect(right).toBeGreaterThanOrEqual(18);
    for (const prediction of results) {
      expect(prediction.result).toHaveLength(1);
      expect(prediction.result[0]).toMatchObject({
        from_name: 'colour',
        to_name: 'image',
        type: 'choices',
      });
      expect(['Red', 'Blue']).toContain(choiceOf(prediction));
      expect(prediction.result[0]!.score).toBeGreaterThan(0.5);
      expect(prediction.score).toBe(prediction.result[0]!.score);
    }
  });

  it('retrains on one more annotation embedding only the new image', async () => {
    const job = await ctx.train([...training, await labeledTask('Blue', 2000)]);
    expect(job.result).toMatchObject({ status: 'trained', trainingSetSize: 41 });
    // The 40 others come from the embedding cache.
    expect(job.result?.metrics?.embedded).toBe(1);
  });

  it('skips an annotated image it cannot read, lists it, and trains on the others', async () => {
    const broken = {
      ...(await labeledTask('Red', 2001)),
      data: { image: 'data:image/png;base64,AAAA' },
    };
    const job = await ctx.train([...training, broken]);
    expect(job.result).toMatchObject({ status: 'trained', trainingSetSize: 40 });
    expect(job.result?.skipped).toEqual([
      {
        task: 2001,
        reason: expect.stringMatching(/Task 2001: data.image is not a readable image/) as unknown,
      },
    ]);
    // The broken task stays in the training set; the next run skips it again and still trains.
    const next = await ctx.train([...training, broken, await labeledTask('Red', 2002)]);
    expect(next.result).toMatchObject({ status: 'trained', trainingSetSize: 41, skippedCount: 1 });
  });

  it('reloads the saved head in a fresh process state and predicts the same', async () => {
    const fresh = await classifierService({ modelDir: ctx.modelDir });
    try {
      const tasks = holdout.slice(0, 6).map((h) => h.task);
      const [again, original] = [await fresh.predict(tasks), await ctx.predict(tasks)];
      expect(again.map(choiceOf)).toEqual(original.map(choiceOf));
      expect(again[0]!.model_version).toBe(original[0]!.model_version);
    } finally {
      await fresh.cleanup();
    }
  });

  it('leaves a broken image in a batch without a prediction, the others answered', async () => {
    const results = await ctx.predict([
      holdout[0]!.task,
      { id: 98, data: { image: 'data:image/png;base64,AAAA' } },
      holdout[1]!.task,
    ]);
    expect(results.map((r) => r.result.length)).toEqual([1, 0, 1]);
  });

  it('names the task whose image is broken', async () => {
    const response = await ctx.request<{ error: string }>('/predict', {
      tasks: [{ id: 99, data: { image: 'data:image/png;base64,AAAA' } }],
      project: '7',
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatch(/^Task 99: data.image is not a readable image/);
  });
});
