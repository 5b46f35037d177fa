import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { predictionLogContract } from '../../test/store/prediction-log-contract.js';
import { FilePredictionLog } from './file-prediction-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-predlog-'));
  dirs.push(dir);
  return dir;
};
const silent = pino({ level: 'silent' });

describe('FilePredictionLog', () => {
  predictionLogContract((bounds, clock) => {
    const dir = freshDir();
    return new FilePredictionLog(
      (p) => join(dir, p),
      bounds,
      silent,
      () => clock.now,
    );
  });

  it('is read back by the next process after close', async () => {
    const dir = freshDir();
    const bounds = { maxEntries: 10, maxDays: 30 };
    const first = new FilePredictionLog((p) => join(dir, p), bounds, silent);
    const at = Date.now();
    await first.record('1', [{ task: '7', modelVersion: 'v', at, resultsJson: '[]' }]);
    await first.close();
    const second = new FilePredictionLog((p) => join(dir, p), bounds, silent);
    expect(await second.claim('1', '7')).toEqual({
      task: '7',
      modelVersion: 'v',
      at,
      resultsJson: '[]',
    });
    expect(await second.counters('1')).toMatchObject({ 'n\u001fv\u001frecorded': 1 });
  });

  it('reads a hand-edited log with entries missing fields, and writes it back readable', async () => {
    const dir = freshDir();
    const at = Date.now();
    mkdirSync(join(dir, '1'));
    writeFileSync(
      join(dir, '1', 'predictions.json'),
      JSON.stringify({
        entries: [{ task: 7, modelVersion: 'v', at }, { task: '8' }, null],
        counters: { 'n\u001fv\u001frecorded': 3 },
      }),
    );
    const bounds = { maxEntries: 10, maxDays: 30 };
    const first = new FilePredictionLog((p) => join(dir, p), bounds, silent);
    await first.record('1', [{ task: '9', modelVersion: 'v', at, resultsJson: '[]' }]);
    await first.close();
    // Still JSON: a field written as `undefined` would make the next start drop every counter.
    const saved = JSON.parse(readFileSync(join(dir, '1', 'predictions.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(saved.entries).toHaveLength(2);
    const second = new FilePredictionLog((p) => join(dir, p), bounds, silent);
    expect(await second.claim('1', '7')).toEqual({
      task: '7',
      modelVersion: 'v',
      at,
      resultsJson: '[]',
    });
    expect(await second.counters('1')).toMatchObject({ 'n\u001fv\u001frecorded': 4 });
  });
});
