import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeLabelStudio,
  fakeServer,
  type FakeLabelStudio,
  type FakeLabelStudioOptions,
  type FakeServer,
} from '../../test/fake-label-studio.js';
import { LabelStudioClient } from './label-studio-client.js';
import { TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
import type { RetryPolicy } from './retry-policy.js';
import { createTaskDataResolver, type ResolverHooks } from './task-data-resolver.js';

const PROJECT = { id: 12, labelConfig: '<View/>' };
let dir: string;
let ls: FakeLabelStudio;
let other: FakeServer;
const extra: FakeLabelStudio[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lsml-client-'));
  other = await fakeServer((_req, res) => res.end('elsewhere'));
  ls = await fakeLabelStudio({
    otherOrigin: () => other.origin,
    projects: [
      {
        ...PROJECT,
        tasks: 250,
        // Every third task is unlabeled, every fifth only has a cancelled annotation.
        annotations: (i) => {
          const id = i + 1;
          return id % 3 === 0 ? [] : [{ id, result: [], was_cancelled: id % 5 === 0 }];
        },
      },
    ],
  });
});
afterAll(async () => {
  await ls.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const fake of extra.splice(0)) await fake.close();
});

async function another(options: FakeLabelStudioOptions): Promise<FakeLabelStudio> {
  const fake = await fakeLabelStudio({ projects: [{ ...PROJECT, tasks: 3 }], ...options });
  extra.push(fake);
  return fake;
}

function client(
  key: string,
  options: Partial<TaskDataOptions> & { server?: FakeLabelStudio } = {},
  hooks: ResolverHooks = {},
) {
  const { server = ls, ...limits } = options;
  return new LabelStudioClient(
    createTaskDataResolver(
      { ...TASK_DATA_DEFAULTS, cacheDir: dir, labelStudioUrl: server.url, apiKey: key, ...limits },
      hooks,
    ),
    40,
  );
}

/** A retry policy that records its waits instead of waiting. */
function recordedRetry(retries = 3): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    retries,
    baseDelayMs: 250,
    maxDelayMs: 60_000,
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('LabelStudioClient with a legacy token', () => {
  it('pages through the tasks API and yields only tasks with a usable annotation', async () => {
    const ids: number[] = [];
    for await (const task of client(ls.tokens.legacy).labeledTasks('12')) ids.push(Number(task.id));
    const expected = Array.from({ length: 250 }, (_, i) => i + 1).filter(
      (id) => id % 3 !== 0 && id % 5 !== 0,
    );
    expect(ids).toEqual(expected);
    const pages = ls.seen.filter((s) => s.path.startsWith('/api/tasks'));
    expect(pages).toHaveLength(Math.ceil(250 / 40));
    expect(pages.every((s) => s.authorization === `Token ${ls.tokens.legacy}`)).toBe(true);
  });

  it('reads the label config, and explains a bad token', async () => {
    expect(await client(ls.tokens.legacy).labelConfig('12')).toBe('<View/>');
    await expect(client('bad').labelConfig('12')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(
        /LABEL_STUDIO_API_KEY.*Label Studio said: Invalid token/,
      ) as unknown,
    });
  });

  it('explains a 403 from Label Studio with a hint about the token', async () => {
    await expect(client(ls.tokens.legacy).labelConfig('forbidden')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      status: 502,
      message: expect.stringMatching(
        /api\/projects\/forbidden\/ answered 403: check LABEL_STUDIO_API_KEY/,
      ) as unknown,
    });
  });

  it('bounds answers: size, time to headers, and pauses in the body', async () => {
    const key = ls.tokens.legacy;
    await expect(client(key, { maxBytes: 1000 }).labelConfig('huge')).rejects.toMatchObject({
      code: 'DATA_TOO_LARGE',
    });
    await expect(client(key, { connectTimeoutMs: 200 }).labelConfig('hang')).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
      message: expect.stringMatching(
        /No answer from .*\/api\/projects\/hang\/ within 200 ms/,
      ) as unknown,
    });
    await expect(client(key, { readTimeoutMs: 200 }).labelConfig('stall')).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
      message: expect.stringMatching(/stopped sending data for 200 ms/) as unknown,
    });
  });

  it('lists ML backends and webhooks, and stores predictions in bulk or one by one', async () => {
    const fake = await another({
      projects: [
        {
          ...PROJECT,
          tasks: 3,
          mlBackends: [{ url: 'http://ml:9090', auth_method: 'BASIC_AUTH', basic_auth_user: 'u' }],
          webhooks: [{ url: 'http://ml:9090/webhook?secret=s' }],
        },
      ],
    });
    const c = client(fake.tokens.legacy, { server: fake });
    expect(await c.mlBackends('12')).toMatchObject([
      { url: 'http://ml:9090', state: 'CO', auth_method: 'BASIC_AUTH', basic_auth_user: 'u' },
    ]);
    expect(await c.webhooks('12')).toMatchObject([
      { url: 'http://ml:9090/webhook?secret=s', is_active: true, send_payload: true },
    ]);
    const prediction = (task: number) => ({ task, result: [], score: 0.5, model_version: 'v1' });
    expect(await c.importPredictions('12', [prediction(1), prediction(2)])).toBe(2);
    await c.createPrediction(prediction(3));
    expect([1, 2, 3].map((id) => fake.predictions(id).map((p) => p.model_version))).toEqual([
      ['v1'],
      ['v1'],
      ['v1'],
    ]);
    // One task of another project refuses the whole list, and nothing is stored.
    await expect(c.importPredictions('12', [prediction(1), prediction(99)])).rejects.toMatchObject({
      code: 'DATA_FETCH_FAILED',
      details: { upstream_status: 400 },
      message: expect.stringMatching(/contains invalid "task" field/) as unknown,
    });
    expect(fake.predictions(1)).toHaveLength(1);
    expect((await c.task(1)).predictions).toMatchObject([{ model_version: 'v1' }]);
  });
});

describe('LabelStudioClient with a personal access token', () => {
  it('exchanges it once for an access token, sent as Bearer, reused until it nears expiry', async () => {
    let clock = Date.now();
    const now = () => clock;
    const fake = await another({ tokens: { accessTtlSeconds: 300, now } });
    const c = client(fake.tokens.personal, { server: fake }, { now });
    await c.labelConfig('12');
    await c.labelConfig('12');
    expect(fake.tokens.refreshes).toBe(1);
    const refresh = fake.seen.filter((s) => s.path === '/api/token/refresh/');
    expect(refresh).toEqual([
      { method: 'POST', path: '/api/token/refresh/', authorization: undefined },
    ]);
    const calls = fake.seen.filter((s) => s.path.startsWith('/api/projects/'));
    expect(calls.every((s) => s.authorization?.startsWith('Bearer ') === true)).toBe(true);
    expect(calls.some((s) => s.authorization?.includes(fake.tokens.personal) === true)).toBe(false);
    // 20 s before the access token expires, the next request takes a fresh one first.
    clock += 280_000;
    await c.labelConfig('12');
    expect(fake.tokens.refreshes).toBe(2);
    expect(
      fake.seen.filter((s) => s.authorization !== undefined && s.method === 'GET'),
    ).toHaveLength(3);
    expect(
      fake.seen.some(
        (s) => s.path.startsWith('/api/') && s.authorization === undefined && s.method === 'GET',
      ),
    ).toBe(false);
  });

  it('takes a fresh access token once when Label Studio refuses the current one', async () => {
    const fake = await another({});
    const c = client(fake.tokens.personal, { server: fake });
    await c.labelConfig('12');
    fake.tokens.revokeAccessTokens();
    expect(await c.labelConfig('12')).toBe('<View/>');
    expect(fake.tokens.refreshes).toBe(2);
    const statuses = fake.seen.filter((s) => s.path === '/api/projects/12/').length;
    expect(statuses).toBe(3); // ok, 401, ok
  });

  it('explains a revoked, an expired, and an unsupported personal access token', async () => {
    const revoked = await another({});
    revoked.tokens.revokePersonal();
    await expect(
      client(revoked.tokens.personal, { server: revoked }).labelConfig('12'),
    ).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(
        /refused the personal access token.*revoked or expired/,
      ) as unknown,
    });
    const expired = revoked.tokens.expiredPersonal();
    const before = revoked.seen.length;
    await expect(client(expired, { server: revoked }).labelConfig('12')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(/personal access token that expired on \d{4}-/) as unknown,
    });
    expect(revoked.seen.length).toBe(before); // known without asking
    const old = await another({ tokens: { personalTokens: false } });
    const jwt = revoked.tokens.personal;
    await expect(client(jwt, { server: old }).labelConfig('12')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(
        /predates personal access tokens.*LABEL_STUDIO_TOKEN_KIND=legacy/,
      ) as unknown,
    });
  });

  it('follows LABEL_STUDIO_TOKEN_KIND over the shape of the key', async () => {
    const fake = await another({});
    await expect(
      client(fake.tokens.personal, { server: fake, tokenKind: 'legacy' }).labelConfig('12'),
    ).rejects.toMatchObject({ code: 'DATA_UNAUTHORIZED' });
    expect(fake.seen.at(-1)?.authorization).toBe(`Token ${fake.tokens.personal}`);
    expect(fake.tokens.refreshes).toBe(0);
  });

  it('sends neither the key nor an access token to another host, even after a redirect', async () => {
    const c = client(ls.tokens.personal);
    const resolver = (c as unknown as { resolver: { readBuffer(v: string): Promise<Buffer> } })
      .resolver;
    await resolver.readBuffer(`${ls.url}/redirect-away`);
    expect(ls.seen.find((s) => s.path === '/redirect-away')?.authorization).toMatch(/^Bearer /);
    expect(other.seen.every((s) => s.authorization === undefined)).toBe(true);
    expect(other.seen.length).toBeGreaterThan(0);
  });
});

describe('LabelStudioClient retries', () => {
  it('waits as Retry-After says after a 429, then succeeds', async () => {
    const fake = await another({ faults: { tooManyEvery: 2, retryAfterSeconds: 3 } });
    const retry = recordedRetry();
    const c = client(fake.tokens.legacy, { server: fake }, { retry });
    await c.labelConfig('12'); // request 1
    await c.labelConfig('12'); // request 2 is a 429, request 3 its retry
    expect(retry.waits).toEqual([3000]);
    expect(fake.faults.answered.get(429)).toBe(1);
  });

  it('retries 5xx on reads with doubling backoff, and gives up after the last retry', async () => {
    const fake = await another({ faults: { serverErrorEvery: 1 } });
    const retry = recordedRetry(3);
    await expect(
      client(fake.tokens.legacy, { server: fake }, { retry }).labelConfig('12'),
    ).rejects.toMatchObject({ code: 'DATA_FETCH_FAILED', details: { upstream_status: 502 } });
    expect(retry.waits).toEqual([250, 500, 1000]);
    expect(fake.seen).toHaveLength(4); // 502, 503, 500, 502
  });

  it('does not repeat an import after a 5xx that may have stored it, but does after 429 and 503', async () => {
    const item = { task: 1, result: [], model_version: 'v1' };
    const fake = await another({ faults: { serverErrorEvery: 2 } });
    const c = client(fake.tokens.legacy, { server: fake }, { retry: recordedRetry() });
    await c.importPredictions('12', [item]); // request 1
    // Request 2 answers 502: the import may have happened, so it is not sent again.
    await expect(c.importPredictions('12', [item])).rejects.toMatchObject({
      details: { upstream_status: 502 },
    });
    expect(fake.seen).toHaveLength(2);
    // Request 3 passes; request 4 answers 503 (certainly not acted on), so request 5 repeats it.
    await c.importPredictions('12', [item]);
    await c.importPredictions('12', [item]);
    expect(fake.seen).toHaveLength(5);
    expect(fake.predictions(1)).toHaveLength(3);

    const throttled = await another({ faults: { tooManyEvery: 2 } });
    const t = client(throttled.tokens.legacy, { server: throttled }, { retry: recordedRetry() });
    await t.importPredictions('12', [item]);
    await t.importPredictions('12', [item]); // a 429, then stored
    expect(throttled.faults.answered.get(429)).toBe(1);
    expect(throttled.predictions(1)).toHaveLength(2);
  });
});
