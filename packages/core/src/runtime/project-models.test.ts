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
