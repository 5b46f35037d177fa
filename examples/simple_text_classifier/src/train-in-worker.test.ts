import { describe, expect, it } from 'vitest';
import { loadSpamAssassin } from '../test/spam-assassin.js';
import { TextClassifier } from './text-model.js';
import { trainInWorker, type TrainJob } from './train-in-worker.js';

describe('trainInWorker', () => {
  // Every other message: the corpus lists all ham before all spam.
  const messages = loadSpamAssassin().filter((_, i) => i % 2 === 0);
  const job: TrainJob = {
    examples: messages.map((m) => ({ text: m.text, labels: [m.label] })),
    labels: ['ham', 'spam'],
    options: { mode: 'single' },
  };

  it('trains the same model as on this thread, while this thread stays free', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const model = await trainInWorker(job);
    clearInterval(timer);
    // Synchronous training here would let no timer run until it returned.
    expect(ticks).toBeGreaterThan(2);
    const here = TextClassifier.train(job.examples, job.labels, job.options);
    const texts = messages.slice(0, 50).map((m) => m.text);
    expect(Array.from(model.predictProba(texts))).toEqual(Array.from(here.predictProba(texts)));
  });

  it('rejects with the reason when aborted, and with the error training raised', async () => {
    const controller = new AbortController();
    const training = trainInWorker(job, controller.signal);
    setTimeout(() => {
      controller.abort(new Error('superseded by a newer run'));
    }, 20);
    await expect(training).rejects.toThrow('superseded by a newer run');

    const oneLabel = { ...job, examples: job.examples.slice(0, 3), labels: ['ham'] };
    await expect(trainInWorker(oneLabel)).rejects.toThrow(/at least two labels/);
  });
});
