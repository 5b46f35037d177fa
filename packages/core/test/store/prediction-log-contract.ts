import { expect, it } from 'vitest';
import { acceptanceReport } from '../../src/analytics/index.js';
import type { RegionResult } from '../../src/contract/types.js';
import type {
  PredictionLog,
  PredictionLogBounds,
  RecordedPrediction,
} from '../../src/store/index.js';

const DAY = 86_400_000;
const result: RegionResult = {
  from_name: 's',
  to_name: 't',
  type: 'choices',
  value: { choices: ['Pos'] },
};
const entry = (task: string, modelVersion: string, at: number): RecordedPrediction => ({
  task,
  modelVersion,
  at,
  resultsJson: JSON.stringify([result]),
});

/** A clock the test moves; the log under test reads it. */
export interface Clock {
  now: number;
}

/**
 * What every prediction log (file in dev, Redis in production) must do alike: one entry per
 * task, the newest; a task judged once; bounds by count and age; counters that add up.
 */
export function predictionLogContract(
  make: (bounds: PredictionLogBounds, clock: Clock) => Promise<PredictionLog> | PredictionLog,
): void {
  const report = async (log: PredictionLog, project = '1') =>
    acceptanceReport(await log.counters(project));

  it('records, then hands a task to exactly one claim', async () => {
    const clock = { now: 10 * DAY };
    const log = await make({ maxEntries: 100, maxDays: 30 }, clock);
    await log.record('1', [entry('7', 'm-v1', clock.now), entry('8', 'm-v1', clock.now)]);
    expect(await log.claim('1', '7')).toEqual(entry('7', 'm-v1', clock.now));
    expect(await log.claim('1', '7')).toBeUndefined();
    expect(await log.claim('1', 'nope')).toBeUndefined();
    expect(await log.claim('2', '8')).toBeUndefined();
    expect(await report(log)).toMatchObject([
      { model_version: 'm-v1', predictions: 2, annotated: 1, unannotated: 1 },
    ]);
  });

  it('keeps the newest prediction per task: a replaced one no longer waits', async () => {
    const clock = { now: 10 * DAY };
    const log = await make({ maxEntries: 100, maxDays: 30 }, clock);
    await log.record('1', [entry('7', 'm-v1', clock.now)]);
    await log.record('1', [entry('7', 'm-v2', clock.now)]);
    expect((await log.claim('1', '7'))?.modelVersion).toBe('m-v2');
    expect(await report(log)).toMatchObject([
      { model_version: 'm-v1', predictions: 1, annotated: 0, unannotated: 0 },
      { model_version: 'm-v2', predictions: 1, annotated: 1, unannotated: 0 },
    ]);
  });

  it('drops the oldest entries past the count and the age bounds', async () => {
    const clock = { now: 10 * DAY };
    const log = await make({ maxEntries: 3, maxDays: 2 }, clock);
    for (const task of ['1', '2', '3', '4']) await log.record('1', [entry(task, 'v', clock.now++)]);
    expect(await log.claim('1', '1')).toBeUndefined();
    clock.now += 3 * DAY;
    await log.record('1', [entry('5', 'v', clock.now)]);
    for (const task of ['2', '3', '4']) expect(await log.claim('1', task)).toBeUndefined();
    expect(await log.claim('1', '5')).toBeDefined();
    expect(await report(log)).toMatchObject([{ predictions: 5, annotated: 1, unannotated: 0 }]);
  });

  it('adds to counters', async () => {
    const log = await make({ maxEntries: 10, maxDays: 1 }, { now: DAY });
    await log.add('1', { a: 2 });
    await log.add('1', { a: 3, b: 1 });
    expect(await log.counters('1')).toEqual({ a: 5, b: 1 });
    expect(await log.counters('other')).toEqual({});
  });
}
