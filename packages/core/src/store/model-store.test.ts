import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelStore } from './model-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshStore(keepVersions?: number): ModelStore {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-store-'));
  dirs.push(dir);
  return new ModelStore(dir, 'm', { keepVersions });
}

const commit = (store: ModelStore, size: number) =>
  store.commit('4', { trainingSetSize: size, metrics: { acc: size / 10 } }, async (w) => {
    await w.writeJson('model.json', { size });
    await w.writeBytes('weights.bin', new Uint8Array([1, 2, 3]));
  });

/** A pid that no process on this host has (a pid past the kernel's range never exists). */
const DEAD_PID = 4_194_999;

describe('ModelStore', () => {
  it('commits versions atomically: a failed write leaves no version and the current one live', async () => {
    const store = freshStore();
    const v1 = await commit(store, 1);
    expect(v1).toMatchObject({
      number: 1,
      version: 'm-v1',
      trainingSetSize: 1,
      metrics: { acc: 0.1 },
    });
    await expect(
      store.commit('4', {}, async (w) => {
        await w.writeJson('model.json', { half: true });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect((await store.current('4'))?.version).toBe('m-v1');
    expect(readdirSync(store.projectDir('4')).sort()).toEqual(['1', 'current']);
    const v2 = await commit(store, 2);
    expect(v2.number).toBe(2);
    expect(await store.reader(v2).readJson('model.json')).toEqual({ size: 2 });
    expect([...(await store.reader(v2).readBytes('weights.bin'))]).toEqual([1, 2, 3]);
  });

  it('sweeps leftovers of dead writers, never a write in flight', async () => {
    const store = freshStore();
    await commit(store, 1);
    const dir = store.projectDir('4');
    const host = hostname().replace(/[^A-Za-z0-9.]/g, '_');
    const dead = `.tmp-${host}-${DEAD_PID}-abc123`;
    const alive = `.tmp-${host}-${process.pid}-def456`;
    const otherHost = `.tmp-elsewhere-${DEAD_PID}-0a0b0c`;
    const oldOtherHost = `.tmp-faraway-${DEAD_PID}-0d0e0f`;
    for (const name of [dead, alive, otherHost, oldOtherHost]) mkdirSync(join(dir, name));
    const old = new Date(Date.now() - 7 * 60 * 60 * 1000);
    utimesSync(join(dir, oldOtherHost), old, old);
    const removed = await store.sweep('4');
    expect(removed.sort()).toEqual([dead, oldOtherHost].sort());
    expect(readdirSync(dir).sort()).toEqual([alive, otherHost, '1', 'current'].sort());
    expect((await store.current('4'))?.version).toBe('m-v1');
  });

  it('rolls back to an earlier version, by number or label', async () => {
    const store = freshStore();
    await commit(store, 1);
    await commit(store, 2);
    expect((await store.rollback('4', 'm-v1')).number).toBe(1);
    expect((await store.current('4'))?.number).toBe(1);
    expect((await store.rollback('4', 2)).number).toBe(2);
    await expect(store.rollback('4', 'm-v9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A commit after a rollback takes a fresh number: history is never overwritten.
    expect((await commit(store, 3)).number).toBe(3);
    expect((await store.list('4')).map((v) => v.number)).toEqual([1, 2, 3]);
  });

  // A child Node through tsx: slow to start when the whole suite loads a small CI machine.
  it('is read back by a new process', { timeout: 90_000 }, async () => {
    const store = freshStore();
    await commit(store, 1);
    await commit(store, 2);
    await store.rollback('4', 1);
    const source = fileURLToPath(new URL('./model-store.ts', import.meta.url));
    const script = `
      import { ModelStore } from ${JSON.stringify(source)};
      const store = new ModelStore(${JSON.stringify(store.root)}, 'm');
      const current = await store.current('4');
      const model = await store.reader(current).readJson('model.json');
      console.log(JSON.stringify({ current: current.version, model, all: (await store.list('4')).length }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../../../../', import.meta.url)), timeout: 60_000 },
    );
    expect(JSON.parse(stdout.trim())).toEqual({ current: 'm-v1', model: { size: 1 }, all: 2 });
    expect(readFileSync(join(store.projectDir('4'), 'current'), 'utf8')).toBe('1');
  });
});

const train = async (store: ModelStore, times = 1) => {
  for (let i = 0; i < times; i += 1)
    await store.commit('4', {}, (w) => w.writeJson('model.json', { i }));
};

/** The numbered version folders on disk, ascending. */
const folders = (store: ModelStore) =>
  readdirSync(store.projectDir('4'))
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .sort((a, b) => a - b);

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ModelStore pruning', () => {
  it('keeps the newest keepVersions versions: 30 commits with keep 10 leave 10 folders', async () => {
    const store = freshStore(10);
    await train(store, 30);
    expect(folders(store)).toEqual(range(21, 30));
    expect((await store.current('4'))?.number).toBe(30);
    // Nothing half-removed is left beside them.
    expect(readdirSync(store.projectDir('4')).filter((e) => e.startsWith('.tmp-'))).toEqual([]);
  });

  it('keeps 10 by default', async () => {
    const store = freshStore();
    await train(store, 12);
    expect(folders(store)).toEqual(range(3, 12));
  });

  it('keeps a rolled-back version past later trainings until the next rollback moves the pin', async () => {
    const store = freshStore(10);
    await train(store, 30);
    await store.rollback('4', 'm-v21');
    await train(store, 15); // v31…v45: v21 is long out of the window
    expect(folders(store)).toEqual([21, ...range(36, 45)]);
    const listing = await store.listing('4');
    expect(listing).toMatchObject({ current: 'm-v45', keep: 10, pinned: 'm-v21' });
    expect(listing.versions.find((v) => v.number === 21)).toMatchObject({
      current: false,
      pinned: true,
    });
    expect(listing.versions.filter((v) => v.current).map((v) => v.number)).toEqual([45]);

    await store.rollback('4', 40); // the pin moves: v21 goes with the next commit
    await train(store);
    expect(folders(store)).toEqual(range(37, 46));
    expect((await store.listing('4')).pinned).toBe('m-v40');
  });

  it('releases a pin with unpin', async () => {
    const store = freshStore(2);
    await train(store, 3);
    await store.rollback('4', 2);
    expect((await store.unpin('4'))?.version).toBe('m-v2');
    expect(await store.unpin('4')).toBeUndefined();
    await train(store, 2);
    expect(folders(store)).toEqual([4, 5]);
  });

  it('never prunes the current version, pinned or not', async () => {
    const store = freshStore(2);
    await train(store, 5);
    await store.rollback('4', 4);
    await train(store, 3); // v6 v7 v8 from webhooks: v4 stays, pinned
    expect(folders(store)).toEqual([4, 7, 8]);
    await store.rollback('4', 4);
    await store.unpin('4'); // v4 is current again, outside the window, and not pinned
    expect(await store.prune('4')).toEqual([]);
    expect((await store.current('4'))?.number).toBe(4);
    await train(store); // v9 is current: v4 goes now
    expect(folders(store)).toEqual([8, 9]);
  });

  it('keeps the rollback target and the new current through a rollback then a training', async () => {
    const store = freshStore(2);
    await train(store, 6);
    await store.rollback('4', 5);
    await train(store);
    expect(folders(store)).toEqual([5, 6, 7]);
    const current = await store.current('4');
    expect(current?.number).toBe(7);
    expect(current && (await store.reader(current).readJson('model.json'))).toEqual({ i: 0 });
  });

  it('refuses a keep count that is not a whole number of at least 1', () => {
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      expect(() => new ModelStore('/x', 'm', { keepVersions: bad })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });
});
