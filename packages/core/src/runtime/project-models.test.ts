import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { ModelStore } from '../store/model-store.js';
import { defineBackend } from '../contract/backend.js';
import { ProjectModels } from './project-models.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('a refresh asked for during a slow load still sees a version committed meanwhile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-models-'));
  dirs.push(dir);
  const store = new ModelStore(dir, 'm');
  const write = (n: number) => store.commit('1', {}, (w) => w.writeJson('model.json', { n }));
  await write(1);
  let unblock: () => void = () => undefined;
  const blocked = new Promise<void>((r) => (unblock = r));
  let loadingV1: () => void = () => undefined;
  const firstLoading = new Promise<void>((r) => (loadingV1 = r));
  const backend = defineBackend<{ n: number }>({
    name: 'm',
    predict: (tasks) => tasks.map(() => ({ result: [] })),
    async load(artifacts) {
      const model = await artifacts.readJson<{ n: number }>('model.json');
      if (model.n === 1) {
        loadingV1();
        await blocked; // the first load is slow
      }
      return model;
    },
  });
  const models = new ProjectModels(backend, store, pino({ level: 'silent' }));
  const first = models.refresh('1');
  await firstLoading; // the first load has read the pointer: v1
  await write(2);
  const second = models.refresh('1'); // e.g. the worker's announcement of v2
  const third = models.refresh('1');
  unblock();
  expect((await first).version).toBe('m-v1');
  expect((await second).version).toBe('m-v2');
  expect(third).toBe(second);
  expect((await models.get('1')).model).toEqual({ n: 2 });
});

it('a load whose version is pruned under it (newer commits by another process) loads the current one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-models-'));
  dirs.push(dir);
  // Another process (a worker) commits and prunes with keep 1; this replica only reads.
  const worker = new ModelStore(dir, 'm', { keepVersions: 1 });
  const replica = new ModelStore(dir, 'm', { keepVersions: 1 });
  const write = (n: number) => worker.commit('1', {}, (w) => w.writeJson('model.json', { n }));
  await write(1);
  let pointerRead: () => void = () => undefined;
  const v1Chosen = new Promise<void>((r) => (pointerRead = r));
  let unblock: () => void = () => undefined;
  const pruned = new Promise<void>((r) => (unblock = r));
  const loads: number[] = [];
  const backend = defineBackend<{ n: number }>({
    name: 'm',
    predict: (tasks) => tasks.map(() => ({ result: [] })),
    async load(artifacts) {
      loads.push(Number(artifacts.version.slice('m-v'.length)));
      if (artifacts.version === 'm-v1') {
        pointerRead(); // the replica has read `current` = 1…
        await pruned; // …and the worker commits v2, v3 and prunes v1 before it reads the files
      }
      return artifacts.readJson<{ n: number }>('model.json');
    },
  });
  const models = new ProjectModels(backend, replica, pino({ level: 'silent' }));
  const loading = models.get('1');
  await v1Chosen;
  await write(2);
  await write(3);
  expect(await worker.list('1')).toHaveLength(1);
  unblock();
  const live = await loading;
  expect(live.version).toBe('m-v3');
  expect(live.model).toEqual({ n: 3 });
  expect(loads).toEqual([1, 3]);
});
