import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { outsideWindow, removeVersion } from './version-retention.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function projectWithVersion(number: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-retention-'));
  dirs.push(dir);
  mkdirSync(join(dir, String(number)));
  writeFileSync(join(dir, String(number), 'model.json'), '{}');
  return dir;
}

it('lists the versions older than the newest keep', () => {
  expect(outsideWindow([1, 2, 3, 4, 5], 2)).toEqual([1, 2, 3]);
  expect(outsideWindow([1, 2], 10)).toEqual([]);
});

it('puts a version back when a rollback pinned it while it was being removed', async () => {
  const dir = projectWithVersion(3);
  // Not kept when the prune looks, kept (pinned) by the time the version is moved aside.
  const answers = [false, true];
  const removed = await removeVersion(dir, 3, () => Promise.resolve(answers.shift() ?? true));
  expect(removed).toBe(false);
  expect(readdirSync(dir)).toEqual(['3']);
  expect(readdirSync(join(dir, '3'))).toEqual(['model.json']);
});

it('removes a version nobody keeps, and leaves one another process removed first', async () => {
  const dir = projectWithVersion(3);
  expect(await removeVersion(dir, 3, () => Promise.resolve(false))).toBe(true);
  expect(readdirSync(dir)).toEqual([]);
  expect(await removeVersion(dir, 3, () => Promise.resolve(false))).toBe(false);
});
