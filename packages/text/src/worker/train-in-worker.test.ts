import { describe, expect, it } from 'vitest';
import { randomLabeledTexts } from '../../test/random-texts.js';
import { TextClassifier } from '../classifier/text-classifier.js';
import { trainInWorker, type TrainingJob } from './train-in-worker.js';

describe('trainInWorker', () => {
  const examples = randomLabeledTexts(3000, 7);
  const job: TrainingJob = { examples, labels: ['a', 'b'], options: { mode: 'single' } };

  it('trains the same model as on this thread, while this thread stays free', async () => {
    // Synchronous training here would answer before this thread ran anything else; on a
    // worker, the answer comes back as a message, after the callback queued behind the call.
    let ranMeanwhile = false;
    const training = trainInWorker(job);
    setImmediate(() => {
      ranMeanwhile = true;
    });
    const model = await training;
    expect(ranMeanwhile).toBe(true);
    const here = TextClassifier.train(job.examples, job.labels, job.options);
    const texts = examples.slice(0, 50).map((e) => e.text);
    expect(Array.from(model.predictProba(texts))).toEqual(Array.from(here.predictProba(texts)));
  });

  it('rejects with the reason when aborted, and with the error training raised', async () => {
    // Aborted once the thread is started, not after a guessed 20 ms: a machine that trains
    // faster than that would answer first, and nothing would reject.
    const controller = new AbortController();
    const training = trainInWorker(job, controller.signal);
    controller.abort(new Error('superseded by a newer run'));
    await expect(training).rejects.toThrow('superseded by a newer run');

    const oneLabel = { ...job, examples: examples.slice(0, 3), labels: ['a'] };
    await expect(trainInWorker(oneLabel)).rejects.toThrow(/at least two labels/);
  });
});
