import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeServer,
  IMAGE_BYTES,
  labelStudioHandler,
  type FakeServer,
} from '../../test/fake-label-studio.js';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';

let ls: FakeServer;
beforeAll(async () => {
  ls = await fakeServer(labelStudioHandler('setup-token', () => 'http://127.0.0.1:1'));
});
afterAll(() => ls.close());

describe('task data through the server', () => {
  it('reads Label Studio uploads with the hostname and token /setup sent', async () => {
    let size = -1;
    const s = testService(
      echoBackend({
        async predict(tasks, { readData }) {
          size = (await readData(String(tasks[0]?.data.image))).length;
          return tasks.map(() => ({ result: [] }));
        },
      }),
      { taskData: { labelStudioUrl: undefined, apiKey: undefined } },
    );
    await postJson(s.app, '/setup', {
      project: '3.1',
      schema: TEXT_CONFIG,
      hostname: ls.url,
      access_token: 'setup-token',
    });
    const res = await postJson(s.app, '/predict', {
      project: '3.1',
      tasks: [{ id: 1, data: { image: '/data/upload/3/a.png' } }],
    });
    expect(res.status).toBe(200);
    expect(size).toBe(IMAGE_BYTES.length);
    expect(ls.seen.at(-1)?.authorization).toBe('Token setup-token');
    await s.cleanup();
  });

  it('turns an unreadable file into a 4xx naming the URL', async () => {
    const s = testService(
      echoBackend({
        async predict(tasks, { readData }) {
          await readData(String(tasks[0]?.data.image));
          return [];
        },
      }),
      { taskData: { labelStudioUrl: ls.url, apiKey: 'setup-token' } },
    );
    const res = await postJson(s.app, '/predict', {
      project: '3.1',
      label_config: TEXT_CONFIG,
      tasks: [{ id: 1, data: { image: '/data/upload/3/missing.png' } }],
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'DATA_NOT_FOUND',
      error: expect.stringContaining('/data/upload/3/missing.png') as unknown,
    });
    await s.cleanup();
  });
});
