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

function freshStore(): ModelStore {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-store-'));
  dirs.push(dir);
  return new ModelStore(dir, 'm');
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
