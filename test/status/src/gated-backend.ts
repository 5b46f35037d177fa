import { defineBackend } from '@lsml/core';
import { SENTIMENT_CONFIG } from '@lsml/testing';

/** Sentiment choices on a text: Positive, Negative, Neutral. */
export const CONFIG = SENTIMENT_CONFIG;

/**
 * The backend the page is watched on: predicts "Positive" for every task; its `fit` reports
 * half its progress, then waits until the test's gate (`STATUS_GATE_URL`) answers, so the test
 * sees a running job, then lets it finish when it chooses.
 */
export const gatedBackend = defineBackend<{ size: number }>({
  name: 'gated',
  predict(tasks) {
    return tasks.map(() => ({
      score: 0.9,
      result: [
        {
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['Positive'] },
        },
      ],
    }));
  },
  async fit(ctx) {
    await ctx.progress(0.5);
    const gate = process.env.STATUS_GATE_URL;
    if (gate) await (await fetch(gate)).text();
    await ctx.progress(1);
    return {
      status: 'trained',
      model: { size: ctx.annotations.length },
      trainingSetSize: ctx.annotations.length,
      metrics: { accuracy: 0.75 },
    };
  },
});
