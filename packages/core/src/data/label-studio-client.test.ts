import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, labelStudioHandler, type FakeServer } from '../../test/fake-label-studio.js';
import { LabelStudioClient } from './label-studio-client.js';
import { TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
import { createTaskDataResolver } from './task-data-resolver.js';

let ls: FakeServer;
let dir: string;
beforeAll(async () => {
  ls = await fakeServer(labelStudioHandler('tok', () => 'http://127.0.0.1:1'));
  dir = mkdtempSync(join(tmpdir(), 'lsml-client-'));
});
afterAll(async () => {
  await ls.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (token: string, limits: Partial<TaskDataOptions> = {}) =>
  new LabelStudioClient(
    createTaskDataResolver({
      ...TASK_DATA_DEFAULTS,
      cacheDir: dir,
      labelStudioUrl: ls.url,
      apiKey: token,
      ...limits,
    }),
    40,
  );

describe('LabelStudioClient', () => {
  it('pages through the tasks API and yields only tasks with a usable annotation', async () => {
    const ids: number[] = [];
    for await (const task of client('tok').labeledTasks('12')) ids.push(Number(task.id));
    const expected = Array.from({ length: 250 }, (_, i) => i + 1).filter(
      (id) => id % 3 !== 0 && id % 5 !== 0,
    );
    expect(ids).toEqual(expected);
    expect(
      ls.seen
        .filter((s) => s.path.startsWith('/api/tasks'))
        .every((s) => s.authorization === 'Token tok'),
    ).toBe(true);
  });

  it('reads the label config, and explains a bad token', async () => {
    expect(await client('tok').labelConfig('12')).toBe('<View/>');
    await expect(client('bad').labelConfig('12')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(/LABEL_STUDIO_API_KEY/) as unknown,
    });
  });

  it('explains a 403 from Label Studio with a hint about the token', async () => {
    await expect(client('tok').labelConfig('forbidden')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      status: 502,
      message: expect.stringMatching(
        /api\/projects\/forbidden answered 403: check LABEL_STUDIO_API_KEY/,
      ) as unknown,
    });
  });

  it('bounds answers: size, time to headers, and pauses in the body', async () => {
    await expect(client('tok', { maxBytes: 1000 }).labelConfig('huge')).rejects.toMatchObject({
      code: 'DATA_TOO_LARGE',
    });
    await expect(
      client('tok', { connectTimeoutMs: 200 }).labelConfig('hang'),
    ).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
      message: expect.stringMatching(
        /No answer from .*\/api\/projects\/hang within 200 ms/,
      ) as unknown,
    });
    await expect(client('tok', { readTimeoutMs: 200 }).labelConfig('stall')).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
      message: expect.stringMatching(/stopped sending data for 200 ms/) as unknown,
    });
  });
});
