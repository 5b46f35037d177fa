import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeServer,
  IMAGE_BYTES,
  fakeLabelStudio,
  type FakeLabelStudio,
  type FakeServer,
} from '../../test/fake-label-studio.js';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';

let ls: FakeLabelStudio;
let token: string;
let storage: FakeServer;
beforeAll(async () => {
  storage = await fakeServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(IMAGE_BYTES);
  });
  ls = await fakeLabelStudio({ otherOrigin: () => storage.origin });
  token = ls.tokens.legacy;
});
afterAll(async () => {
  await ls.close();
  await storage.close();
});

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
      access_token: token,
    });
    const res = await postJson(s.app, '/predict', {
      project: '3.1',
      tasks: [{ id: 1, data: { image: '/data/upload/3/a.png' } }],
    });
    expect(res.status).toBe(200);
    expect(size).toBe(IMAGE_BYTES.length);
    expect(ls.seen.at(-1)?.authorization).toBe(`Token ${token}`);
    await s.cleanup();
  });

  it('presigns a cloud storage URI with the id of the task that holds it', async () => {
    const sizes: number[] = [];
    const s = testService(
      echoBackend({
        async predict(tasks, { readData }) {
          // Only the value: core knows which of these tasks it came from.
          for (const task of tasks) sizes.push((await readData(String(task.data.image))).length);
          return tasks.map(() => ({ result: [] }));
        },
      }),
      { taskData: { labelStudioUrl: ls.url, apiKey: token } },
    );
    const res = await postJson(s.app, '/predict', {
      project: '3.1',
      label_config: TEXT_CONFIG,
      tasks: [
        { id: 11, data: { image: 's3://bucket/a.png' } },
        { id: 12, data: { image: 's3://bucket/b.png' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(sizes).toEqual([IMAGE_BYTES.length, IMAGE_BYTES.length]);
    const presigned = ls.seen.filter((r) => r.path.includes('/presign/'));
    expect(presigned.map((r) => r.path.split('?')[0])).toEqual([
      '/tasks/11/presign/',
      '/tasks/12/presign/',
    ]);
    expect(presigned.every((r) => r.authorization === `Token ${token}`)).toBe(true);
    expect(storage.seen.map((r) => [r.path, r.authorization])).toEqual([
      ['/bucket/a.png?task=11&X-Amz-Signature=s3cr3t', undefined],
      ['/bucket/b.png?task=12&X-Amz-Signature=s3cr3t', undefined],
    ]);
    await s.cleanup();
  });

  it('presigns cloud storage URIs in fit with the id of the annotated task', async () => {
    let size = -1;
    const s = testService(
      echoBackend({
        async fit({ annotations, readData }) {
          // Only the value: core knows which annotated task it came from.
          size = (await readData(String(annotations[0]?.task.data.image))).length;
          return { status: 'skipped', reason: 'read only' };
        },
      }),
      { taskData: { labelStudioUrl: ls.url, apiKey: token } },
    );
    const res = await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 5, label_config: TEXT_CONFIG },
      task: { id: 21, data: { image: 's3://bucket/fit.png' } },
      annotation: { id: 1, result: [] },
    });
    expect(res.status).toBe(201);
    await s.trainer.idle();
    expect(size).toBe(IMAGE_BYTES.length);
    expect(ls.seen.some((r) => r.path.startsWith('/tasks/21/presign/'))).toBe(true);
    await s.cleanup();
  });

  it('never sends LABEL_STUDIO_API_KEY to a hostname POST /setup names', async () => {
    const s = testService(
      echoBackend({
        async predict(tasks, { readData }) {
          await readData(String(tasks[0]?.data.image));
          return tasks.map(() => ({ result: [] }));
        },
      }),
      { taskData: { labelStudioUrl: undefined, apiKey: 'env-secret' } },
    );
    // "storage" plays a server the caller of /setup controls.
    await postJson(s.app, '/setup', { project: '3.1', schema: TEXT_CONFIG, hostname: storage.url });
    await postJson(s.app, '/predict', {
      project: '3.1',
      tasks: [{ id: 1, data: { image: '/data/upload/3/leak.png' } }],
    });
    expect(storage.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/3/leak.png',
      authorization: undefined,
    });
    expect(storage.seen.some((r) => r.authorization?.includes('env-secret') === true)).toBe(false);
    await s.cleanup();
  });

  it('with LSML_BLOCK_PRIVATE_ADDRESSES on, refuses a private hostname from /setup and reads one from LABEL_STUDIO_URL', async () => {
    const reader = echoBackend({
      async predict(tasks, { readData }) {
        await readData(String(tasks[0]?.data.image));
        return tasks.map(() => ({ result: [] }));
      },
    });
    const predict = (s: ReturnType<typeof testService>, image: string) =>
      postJson(s.app, '/predict', {
        project: '3.1',
        label_config: TEXT_CONFIG,
        tasks: [{ id: 1, data: { image } }],
      });
    // Anyone who can reach /setup (no credentials needed) names a host on the backend's network.
    const open = testService(reader, {
      taskData: { labelStudioUrl: undefined, apiKey: undefined, blockPrivateAddresses: true },
    });
    await postJson(open.app, '/setup', {
      project: '3.1',
      schema: TEXT_CONFIG,
      hostname: ls.url,
      access_token: token,
    });
    const before = ls.seen.length;
    for (const image of ['/data/upload/3/a.png', `${ls.url}/data/upload/3/b.png`]) {
      const res = await predict(open, image);
      expect(res.status, image).toBe(403);
      expect(await res.json(), image).toMatchObject({
        code: 'DATA_BLOCKED',
        error: expect.stringContaining(
          'set LABEL_STUDIO_URL to the Label Studio address to allow it',
        ) as unknown,
      });
    }
    expect(ls.seen.length).toBe(before);
    await open.cleanup();

    const operated = testService(reader, {
      taskData: { labelStudioUrl: ls.url, apiKey: token, blockPrivateAddresses: true },
    });
    expect((await predict(operated, '/data/upload/3/a.png')).status).toBe(200);
    expect(ls.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/3/a.png',
      authorization: `Token ${token}`,
    });
    await operated.cleanup();
  });

  it('turns an unreadable file into a 4xx naming the URL', async () => {
    const s = testService(
      echoBackend({
        async predict(tasks, { readData }) {
          await readData(String(tasks[0]?.data.image));
          return [];
        },
      }),
      { taskData: { labelStudioUrl: ls.url, apiKey: token } },
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
