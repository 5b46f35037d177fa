/**
 * `pnpm bench:prediction-log`: how much room acceptance analytics takes: 100,000 predictions
 * recorded (10 per call, as /predict records a batch), in dev mode's file and in production's
 * Redis (needs REDIS_URL or Redis on 127.0.0.1:6379; a fresh key prefix, wiped after), for a
 * text classification (one choices result) and an object detection (five boxes) prediction.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectRedis,
  FilePredictionLog,
  queueKeys,
  RedisPredictionLog,
  serializeResults,
  type PredictionLog,
  type RecordedPrediction,
  type RegionResult,
} from '@lsml/core';
import { pino } from 'pino';

const COUNT = Number(process.env.BENCH_PREDICTIONS ?? 100_000);
const BATCH = 10;
const bounds = { maxEntries: COUNT, maxDays: 30 };
const log = pino({ level: 'silent' });

const kinds: Record<string, (i: number) => RegionResult[]> = {
  'text classification (1 choices result)': () => [
    { from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } },
  ],
  'object detection (5 boxes)': (i) =>
    Array.from({ length: 5 }, (_, k) => ({
      id: `r${i}-${k}`,
      from_name: 'label',
      to_name: 'image',
      type: 'rectanglelabels',
      original_width: 1280,
      original_height: 720,
      value: {
        x: 10.123456 + k,
        y: 20.654321,
        width: 30.5,
        height: 12.25,
        rotation: 0,
        rectanglelabels: ['Car'],
      },
    })),
};

async function fill(store: PredictionLog, results: (i: number) => RegionResult[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < COUNT; i += BATCH) {
    const entries: RecordedPrediction[] = [];
    for (let k = i; k < Math.min(COUNT, i + BATCH); k++)
      entries.push({
        task: String(100_000 + k),
        modelVersion: 'dummy-v3',
        at: Date.now(),
        resultsJson: serializeResults(results(k)),
      });
    await store.record('1', entries);
  }
  await store.close();
  return (COUNT / (performance.now() - started)) * 1000;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const per100k = (bytes: number) => (bytes / COUNT) * 100_000;

console.log(`${COUNT} predictions recorded, ${BATCH} per call`);
for (const [name, results] of Object.entries(kinds)) {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-bench-log-'));
  try {
    const rate = await fill(new FilePredictionLog((p) => join(dir, p), bounds, log), results);
    const size = statSync(join(dir, '1', 'predictions.json')).size;
    console.log(
      `file  ${name.padEnd(40)} ${mb(per100k(size)).padStart(9)} per 100k   (${(size / COUNT).toFixed(0)} B each; ${rate.toFixed(0)} recorded/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const redis = connectRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, 'worker');
  const keys = queueKeys('bench', { prefix: `lsml-bench-log-${process.pid}` });
  try {
    await redis.ping();
  } catch {
    console.log(`redis ${name}: skipped (no Redis answers)`);
    redis.disconnect();
    continue;
  }
  try {
    const rate = await fill(new RedisPredictionLog(redis, keys, 'bench', bounds), results);
    let bytes = 0;
    for (const key of [keys.predictions('1'), keys.predictionTimes('1'), keys.acceptance('1')])
      bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    console.log(
      `redis ${name.padEnd(40)} ${mb(per100k(bytes)).padStart(9)} per 100k   (${(bytes / COUNT).toFixed(0)} B each; ${rate.toFixed(0)} recorded/s)`,
    );
  } finally {
    await redis.del(keys.predictions('1'), keys.predictionTimes('1'), keys.acceptance('1'));
    redis.disconnect();
  }
}
