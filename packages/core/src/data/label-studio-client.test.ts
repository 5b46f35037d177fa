import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, labelStudioHandler, type FakeServer } from '../../test/fake-label-studio.js';
import { LabelStudioClient } from './label-studio-client.js';
import { taskDataOptionsFromEnv } from './options.js';
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

const client = (token: string) =>
  new LabelStudioClient(
    createTaskDataResolver({
      ...taskDataOptionsFromEnv({}),
      cacheDir: dir,
      labelStudioUrl: ls.url,
      apiKey: token,
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
});
