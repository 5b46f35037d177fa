import { scoreFromProbabilities } from '@lsml/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierService, kindImage, labeledTask, type Kind } from './classifier-service.js';

const kinds: Kind[] = ['Red', 'Blue'];

describe('image_classifier: SCORE sets the task score of /predict', () => {
  let training: Awaited<ReturnType<typeof labeledTask>>[];
  let tasks: { id: number; data: { image: string } }[];
  const services: Awaited<ReturnType<typeof classifierService>>[] = [];

  beforeAll(async () => {
    training = await Promise.all(
      Array.from({ length: 12 }, (_, i) => labeledTask(kinds[i % 2]!, 3000 + i)),
    );
    tasks = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => ({
        id: 6000 + i,
        data: { image: await kindImage(kinds[i % 2]!, 6000 + i) },
      })),
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.cleanup()));
  });

  for (const mode of ['probability', 'margin', 'entropy'] as const) {
    it(`SCORE=${mode}`, async () => {
      const ctx = await classifierService({ vars: { SCORE: mode } });
      services.push(ctx);
      const job = await ctx.train(training);
      expect(job.result).toMatchObject({ status: 'trained' });
      for (const prediction of await ctx.predict(tasks)) {
        // The choice's score is the top probability of two classes, so the pair is [p, 1 - p].
        const p = prediction.result[0]?.score ?? Number.NaN;
        expect(p).toBeGreaterThan(0.5);
        const expected = scoreFromProbabilities([p, 1 - p], mode === 'probability' ? 'top' : mode);
        expect(prediction.score).toBeCloseTo(expected, 6);
        // Uncertainty modes score a confident answer low; probability scores it high.
        if (mode === 'probability') expect(prediction.score).toBe(p);
        else expect(prediction.score).toBeLessThan(0.5);
      }
    });
  }
});
