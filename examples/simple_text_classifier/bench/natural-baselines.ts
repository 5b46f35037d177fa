import { startWorker } from '../src/worker-module.js';
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
