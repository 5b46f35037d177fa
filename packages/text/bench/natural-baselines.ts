import { startWorker } from '../src/worker/worker-module.js';
import type { NaturalBaselineInput, NaturalBaselineOutput } from './natural-baseline-worker.js';

export type NaturalBaselineResult =
  ({ finished: true } & NaturalBaselineOutput) | { finished: false; budgetSeconds: number };

/**
 * Runs one of natural's classifiers in a worker thread and stops it after `budgetSeconds`.
 */
export async function measureNaturalBaseline(
  input: NaturalBaselineInput,
  budgetSeconds: number,
): Promise<NaturalBaselineResult> {
  const worker = startWorker(new URL('./natural-baseline-worker.js', import.meta.url), {
    workerData: input,
    // natural loads dotenv, which prints a banner on every import.
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    stdout: true,
  });
  worker.stdout.resume();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<NaturalBaselineResult>((resolve) => {
    timer = setTimeout(() => {
      void worker.terminate();
      resolve({ finished: false, budgetSeconds });
    }, budgetSeconds * 1000);
  });
  const result = new Promise<NaturalBaselineResult>((resolve, reject) => {
    worker.once('message', (output: NaturalBaselineOutput) => {
      resolve({ finished: true, ...output });
    });
    worker.once('error', reject);
  });
  try {
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/**
 * natural's Bayes and logistic regression classifiers on evenly spaced samples of the split
 * (why the solver is our own), each stopped after its time budget.
 */
export async function measureNaturalBaselines(
  trainSet: readonly { text: string; label: string }[],
  test: readonly { text: string; label: string }[],
) {
  // Evenly spaced, so both labels are in (a corpus may list all of one label first).
  const sample = (messages: readonly { text: string; label: string }[], n: number) => {
    const step = messages.length / n;
    return Array.from({ length: Math.min(n, messages.length) }, (_, i) => {
      const { text, label } = messages[Math.floor(i * step)] as { text: string; label: string };
      return { text, label };
    });
  };
  const runs = [
    { kind: 'BayesClassifier', trainSize: 300, budgetSeconds: 90 },
    { kind: 'LogisticRegressionClassifier', trainSize: 20, budgetSeconds: 60 },
  ] as const;
  const results = [];
  for (const { kind, trainSize, budgetSeconds } of runs) {
    const result = await measureNaturalBaseline(
      { kind, train: sample(trainSet, trainSize), test: sample(test, 200) },
      budgetSeconds,
    );
    console.log(
      `  natural ${kind} on ${trainSize} train texts: ` +
        (result.finished
          ? `accuracy ${result.accuracy.toFixed(4)} (200 test texts), train ${result.trainSeconds.toFixed(2)} s, ${result.predictPerSecond.toFixed(1)} texts/s`
          : `did not finish within ${budgetSeconds} s (stopped)`),
    );
    results.push({ kind, trainSize, ...result });
  }
  return results;
}
