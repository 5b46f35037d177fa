import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@lsml/core';
import { pino } from 'pino';
import { simpleTextClassifier } from '../src/model.js';

const CONFIG = `<View><Text name="text" value="$text"/><Choices name="label" toName="text"><Choice value="ham"/><Choice value="spam"/></Choices></View>`;
const PROJECT = '1';

export interface HttpMeasurements {
  singleTaskMs: { p50: number; p99: number; requests: number };
  thousandTasksSeconds: number[];
  autoLabel: { tasks: number; seconds: number; rssMbEvery10k: number[] };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

/**
 * The backend behind a real socket: trained on `train`, then /predict timed for single tasks,
 * for 1,000 tasks at once, and over an auto-labeling run of `autoLabelTasks` tasks (RSS
 * sampled every 10,000 tasks, to see that memory stays flat).
 */
export async function measureHttp(
  train: readonly { text: string; label: string }[],
  test: readonly { text: string }[],
  autoLabelTasks = 50_000,
): Promise<HttpMeasurements> {
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-bench-text-'));
  const server = await serve(simpleTextClassifier, {
    port: 0,
    host: '127.0.0.1',
    modelDir,
    handleSignals: false,
    logger: pino({ level: 'silent' }),
  });
  try {
    await server.runtime.trainingData.put(
      PROJECT,
      train.map(({ text, label }, i) => ({
        task: { id: i + 1, data: { text } },
        annotation: {
          id: i + 1,
          result: [
            { from_name: 'label', to_name: 'text', type: 'choices', value: { choices: [label] } },
          ],
        },
      })),
    );
    await server.runtime.labelInterface(PROJECT, CONFIG);
    const outcome = await server.runtime.train(PROJECT, {
      action: 'START_TRAINING',
      project: PROJECT,
    });
    if (outcome.status !== 'trained') throw new Error(`training skipped: ${outcome.reason ?? ''}`);

    const url = `http://127.0.0.1:${server.port}/predict`;
    let nextId = 0;
    const predict = async (count: number) => {
      const tasks = Array.from({ length: count }, () => {
        const id = nextId++;
        return { id, data: { text: test[id % test.length]?.text ?? '' } };
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tasks, project: `${PROJECT}.1700000000`, label_config: CONFIG }),
      });
      const body = (await response.json()) as { results?: unknown[] };
      if (!response.ok || body.results?.length !== count) {
        throw new Error(
          `/predict answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`,
        );
      }
    };
    const timed = async (count: number) => {
      const started = performance.now();
      await predict(count);
      return performance.now() - started;
    };

    for (let i = 0; i < 20; i++) await predict(1); // warm-up
    const single: number[] = [];
    for (let i = 0; i < 500; i++) single.push(await timed(1));
    single.sort((a, b) => a - b);

    const thousand: number[] = [];
    for (let i = 0; i < 3; i++) thousand.push((await timed(1000)) / 1000);

    const rss: number[] = [];
    const started = performance.now();
    for (let done = 0; done < autoLabelTasks; done += 1000) {
      await predict(1000);
      if ((done + 1000) % 10_000 === 0) rss.push(process.memoryUsage().rss / 2 ** 20);
    }
    return {
      singleTaskMs: {
        p50: percentile(single, 0.5),
        p99: percentile(single, 0.99),
        requests: single.length,
      },
      thousandTasksSeconds: thousand,
      autoLabel: {
        tasks: autoLabelTasks,
        seconds: (performance.now() - started) / 1000,
        rssMbEvery10k: rss,
      },
    };
  } finally {
    await server.shutdown();
    rmSync(modelDir, { recursive: true, force: true });
  }
}
