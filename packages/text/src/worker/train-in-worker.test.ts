import { describe, expect, it } from 'vitest';
import { randomLabeledTexts } from '../../test/random-texts.js';
import { TextClassifier } from '../classifier/text-classifier.js';
import { trainInWorker, type TrainingJob } from './train-in-worker.js';

describe('trainInWorker', () => {
  const examples = randomLabeledTexts(3000, 7);
  const job: TrainingJob = { examples, labels: ['a', 'b'], options: { mode: 'single' } };

  it('trains the same model as on this thread, while this thread stays free', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const model = await trainInWorker(job);
    clearInterval(timer);
    // Synchronous training here would let no timer run until it returned.
    expect(ticks).toBeGreaterThan(2);
    const here = TextClassifier.train(job.examples, job.labels, job.options);
    const texts = examples.slice(0, 50).map((e) => e.text);
    expect(Array.from(model.predictProba(texts))).toEqual(Array.from(here.predictProba(texts)));
  });

  it('rejects with the reason when aborted, and with the error training raised', async () => {
    const controller = new AbortController();
    const training = trainInWorker(job, controller.signal);
    setTimeout(() => {
      controller.abort(new Error('superseded by a newer run'));
    }, 20);
    await expect(training).rejects.toThrow('superseded by a newer run');

    const oneLabel = { ...job, examples: examples.slice(0, 3), labels: ['a'] };
    await expect(trainInWorker(oneLabel)).rejects.toThrow(/at least two labels/);
  });
});
