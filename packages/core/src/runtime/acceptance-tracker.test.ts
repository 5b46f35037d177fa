import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../observability/metrics.js';
import { FilePredictionLog, type PredictionLog } from '../store/index.js';
import { AcceptanceTracker } from './acceptance-tracker.js';
import { RecordingBudget } from './recording-budget.js';

const silent = pino({ level: 'silent' });
const tasks = [{ id: 1, data: {} }];
const predictions = [{ result: [] }];

/** A log whose writes wait for `release` and then fail. */
function failingLog() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const log: PredictionLog = {
    record: async () => {
      await gate;
      throw new Error('disk full');
    },
    claim: () => Promise.resolve(undefined),
    add: () => Promise.resolve(),
    counters: () => Promise.resolve({}),
    close: () => Promise.resolve(),
  };
  return { log, release };
}

/** A log that keeps what it is given, in memory. */
function memoryLog() {
  const calls: number[] = [];
  const log: PredictionLog = {
    record: (_project, entries) => {
      calls.push(entries.length);
      return Promise.resolve();
    },
    claim: () => Promise.resolve(undefined),
    add: () => Promise.resolve(),
    counters: () => Promise.resolve({}),
    close: () => Promise.resolve(),
  };
  return { log, calls };
}

describe('AcceptanceTracker', () => {
  it('writes work queued right as a write ends (no batch waits for a drain that is over)', async () => {
    const { log, calls } = memoryLog();
    const tracker = new AcceptanceTracker(log, new Metrics(), silent);
    for (let round = 0; round < 20; round++) {
      tracker.recordPredictions('1', tasks, predictions, 'v1');
      // Continues in the microtask that settled(): the drain may be finishing its loop.
      await tracker.settled();
    }
    expect(calls.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('writes batches queued meanwhile as one call', async () => {
    const { log, calls } = memoryLog();
    const tracker = new AcceptanceTracker(log, new Metrics(), silent);
    for (let i = 0; i < 5; i++) tracker.recordPredictions('1', tasks, predictions, 'v1');
    tracker.recordPredictions('2', tasks, predictions, 'v1');
    await tracker.settled();
    expect(calls).toEqual([5, 1]);
  });

  it('returns at once, counts a failed write and keeps going', async () => {
    const { log, release } = failingLog();
    const metrics = new Metrics();
    const tracker = new AcceptanceTracker(log, metrics, silent);
    tracker.recordPredictions('1', tasks, predictions, 'v1');
    const settled = tracker.settled();
    release();
    await settled;
    expect(metrics.render()).toContain('lsml_acceptance_errors_total{kind="record"} 1');
  });

  it('drops batches past its queue limit instead of growing without bound', async () => {
    const { log, release } = failingLog();
    const metrics = new Metrics();
    const tracker = new AcceptanceTracker(log, metrics, silent, { queueLimit: 2 });
    for (let i = 0; i < 5; i++) tracker.recordPredictions('1', tasks, predictions, 'v1');
    expect(metrics.render()).toContain('lsml_acceptance_dropped_total{kind="record"} 3');
    expect(metrics.render()).toContain(
      'lsml_predictions_recorded_total{model_version="v1",project="1"} 2',
    );
    release();
    await tracker.idle();
  });

  it('counts the requests its budget samples out as unrecorded, per version, and records the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lsml-tracker-'));
    try {
      const log = new FilePredictionLog(
        (p) => join(dir, p),
        { maxEntries: 100, maxDays: 1 },
        silent,
      );
      // Recording took half of the last window against a 1% share: 2% of requests are recorded.
      const clock = { now: 0, random: 0.5 };
      const budget = new RecordingBudget(
        0.01,
        () => clock.now,
        () => clock.random,
      );
      budget.charge(250);
      clock.now = 500;
      const metrics = new Metrics();
      const tracker = new AcceptanceTracker(log, metrics, silent, { budget });
      const two = [
        { id: 1, data: {} },
        { id: 2, data: {} },
      ];
      tracker.recordPredictions('1', two, [{ result: [] }, { result: [] }], 'v1');
      tracker.recordPredictions('1', tasks, predictions, 'v1');
      clock.random = 0.001;
      tracker.recordPredictions('1', [{ id: 3, data: {} }], predictions, 'v1');
      await tracker.settled();
      expect(await tracker.report('1')).toMatchObject([
        { model_version: 'v1', predictions: 1, unannotated: 1, unrecorded: 3 },
      ]);
      expect(metrics.render()).toContain(
        'lsml_predictions_unrecorded_total{model_version="v1",project="1"} 3',
      );
      expect(metrics.render()).toContain(
        'lsml_predictions_recorded_total{model_version="v1",project="1"} 1',
      );
      await tracker.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts each prediction under the version the backend named for it', async () => {
    const { log } = memoryLog();
    const metrics = new Metrics();
    const tracker = new AcceptanceTracker(log, metrics, silent);
    const three = [1, 2, 3].map((id) => ({ id, data: {} }));
    const answers = three.map(() => ({ result: [] }));
    tracker.recordPredictions('1', three, answers, ['m-a', 'm-b', 'm-a']);
    await tracker.settled();
    expect(metrics.render()).toContain(
      'lsml_predictions_recorded_total{model_version="m-a",project="1"} 2',
    );
    expect(metrics.render()).toContain(
      'lsml_predictions_recorded_total{model_version="m-b",project="1"} 1',
    );
  });
});
