import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeServer,
  IMAGE_BYTES,
  fakeLabelStudio,
  type FakeLabelStudio,
  type FakeServer,
} from '../../test/fake-label-studio.js';
import { configFromEnv } from '../config/index.js';
import { TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
import { createTaskDataResolver } from './task-data-resolver.js';

let TOKEN: string;
let ls: FakeLabelStudio;
let other: FakeServer;
let work: string;

beforeAll(async () => {
  other = await fakeServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(IMAGE_BYTES);
  });
  ls = await fakeLabelStudio({ otherOrigin: () => other.origin });
  TOKEN = ls.tokens.legacy;
  work = mkdtempSync(join(tmpdir(), 'lsml-data-'));
});
afterAll(async () => {
  await ls.close();
  await other.close();
  rmSync(work, { recursive: true, force: true });
});

let cacheCount = 0;
function resolver(overrides: Partial<TaskDataOptions> = {}) {
  cacheCount += 1;
  return createTaskDataResolver({
    ...TASK_DATA_DEFAULTS,
    cacheDir: join(work, `cache-${cacheCount}`),
    labelStudioUrl: ls.url,
    apiKey: TOKEN,
    ...overrides,
  });
}
const tokensSentTo = (server: FakeServer) =>
  server.seen.filter((s) => s.authorization !== undefined);

describe('TaskDataResolver', () => {
  it('reads Label Studio uploads with the token, relative to LABEL_STUDIO_URL', async () => {
    const bytes = await resolver().readBuffer('/data/upload/12/cat.png');
    expect(bytes.equals(IMAGE_BYTES)).toBe(true);
    expect(ls.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/12/cat.png',
      authorization: `Token ${TOKEN}`,
    });
  });

  it('sends the token to the Label Studio origin only, also across redirects', async () => {
    const before = tokensSentTo(other).length;
    const r = resolver();
    await r.readBuffer(`${other.url}/public/dog.png`);
    await r.readBuffer(`${ls.url}/redirect-away`);
    expect(tokensSentTo(other).length - before).toBe(0);
    expect(other.seen.at(-1)?.path).toBe('/public/cat.png');
    // A redirect that stays on Label Studio keeps the token.
    await r.readBuffer(`${ls.url}/redirect-home`);
    expect(ls.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/1/home.png',
      authorization: `Token ${TOKEN}`,
    });
  });

  it('reads uploads and presigned files with a personal access token, as Bearer, to Label Studio only', async () => {
    const personal = resolver({ apiKey: ls.tokens.personal });
    expect((await personal.readBuffer('/data/upload/12/pat.png')).equals(IMAGE_BYTES)).toBe(true);
    expect(ls.seen.at(-1)).toMatchObject({
      path: '/data/upload/12/pat.png',
      authorization: expect.stringMatching(/^Bearer ey/) as unknown,
    });
    await personal.readBuffer('s3://bucket/pat.png', { taskId: 3 });
    expect(other.seen.at(-1)).toMatchObject({ authorization: undefined });
    // A personal access token that /setup sent is read from its shape, too.
    const fromSetup = resolver({ labelStudioUrl: undefined, apiKey: undefined });
    fromSetup.setLabelStudio({ url: ls.url, token: ls.tokens.personal });
    expect((await fromSetup.readBuffer('/data/upload/12/pat2.png')).equals(IMAGE_BYTES)).toBe(true);
    expect(ls.seen.at(-1)?.authorization).toMatch(/^Bearer /);
  });

  it('uses the hostname and token /setup sent when the environment has none; env wins otherwise', async () => {
    const r = resolver({ labelStudioUrl: undefined, apiKey: undefined });
    await expect(r.readBuffer('/data/upload/1/a.png')).rejects.toThrow(
      /LABEL_STUDIO_URL is not set/,
    );
    r.setLabelStudio({ url: ls.url, token: TOKEN });
    expect((await r.readBuffer('/data/upload/1/a.png')).equals(IMAGE_BYTES)).toBe(true);
    const envWins = resolver({ apiKey: 'from-env' });
    envWins.setLabelStudio({ token: TOKEN });
    expect(envWins.labelStudio().token).toBe('from-env');
  });

  it('never sends the env key to a hostname /setup named (env sets a key but no URL)', async () => {
    const r = resolver({ labelStudioUrl: undefined, apiKey: 'env-key' });
    // Anyone who can reach /setup can name a host: "other" plays the attacker's server.
    r.setLabelStudio({ url: other.url });
    await r.readBuffer('/data/upload/9/leak.png');
    expect(other.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/9/leak.png',
      authorization: undefined,
    });
    // A /setup hostname goes with the token of that same call, never with the env key.
    r.setLabelStudio({ url: other.url, token: 'its-own-token' });
    await r.readBuffer('/data/upload/9/paired.png');
    expect(other.seen.at(-1)?.authorization).toBe('Token its-own-token');
    expect(other.seen.some((s) => s.authorization?.includes('env-key') === true)).toBe(false);
  });

  it('does not carry a /setup token over to the hostname of a later /setup', async () => {
    const r = resolver({ labelStudioUrl: undefined, apiKey: undefined });
    r.setLabelStudio({ url: ls.url, token: TOKEN });
    expect((await r.readBuffer('/data/upload/9/real.png')).equals(IMAGE_BYTES)).toBe(true);
    r.setLabelStudio({ url: other.url });
    await r.readBuffer('/data/upload/9/moved.png');
    expect(other.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/9/moved.png',
      authorization: undefined,
    });
    expect(r.labelStudio()).toEqual({ url: other.url, token: undefined });
  });

  it('treats empty env vars as unset, so the /setup hostname is used (compose passes "")', async () => {
    const fromEnv = configFromEnv({
      LABEL_STUDIO_URL: '',
      LABEL_STUDIO_HOST: ' ',
      LABEL_STUDIO_API_KEY: '',
      LSML_CACHE_DIR: '',
      MODEL_DIR: '',
    }).taskData;
    expect(fromEnv).toEqual({});
    const r = createTaskDataResolver({
      ...TASK_DATA_DEFAULTS,
      ...fromEnv,
      cacheDir: join(work, 'empty-env'),
    });
    r.setLabelStudio({ url: ls.url, token: TOKEN });
    expect((await r.readBuffer('/data/upload/4/a.png')).equals(IMAGE_BYTES)).toBe(true);
  });

  it('reports an unusable Label Studio URL as a configuration error, not a TypeError', async () => {
    for (const bad of ['not a url', 'label-studio:8080', 'ftp://ls']) {
      const failure = resolver({ labelStudioUrl: bad }).resolve('/data/upload/1/a.png');
      await expect(failure, bad).rejects.toMatchObject({
        code: 'DATA_FETCH_FAILED',
        message: expect.stringMatching(/\(LABEL_STUDIO_URL\) is not an http\(s\) URL/) as unknown,
      });
    }
    const fromSetup = resolver({ labelStudioUrl: undefined, apiKey: undefined });
    fromSetup.setLabelStudio({ url: 'localhost:8080', token: TOKEN });
    await expect(fromSetup.resolve('/data/upload/1/a.png')).rejects.toMatchObject({
      code: 'DATA_FETCH_FAILED',
      message: expect.stringMatching(/the hostname \/setup sent/) as unknown,
    });
  });

  it('reads cloud storage URIs through the task presign endpoint, token to Label Studio only', async () => {
    const r = resolver();
    // 19 characters: its base64 needs '=' padding, which Label Studio's decoder requires.
    const bytes = await r.readBuffer('s3://bucket/cat.png', { taskId: 7 });
    expect(bytes.equals(IMAGE_BYTES)).toBe(true);
    const presign = ls.seen.find((s) => s.path.startsWith('/tasks/7/presign/'));
    expect(presign?.authorization).toBe(`Token ${TOKEN}`);
    expect(other.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/bucket/cat.png?task=7&X-Amz-Signature=s3cr3t',
      authorization: undefined,
    });
    await expect(r.readBuffer('s3://bucket/dog.png')).rejects.toMatchObject({
      code: 'DATA_FETCH_FAILED',
      message: expect.stringMatching(/pass the task id/) as unknown,
    });
  });

  it('downloads each file once under 20 concurrent requests', async () => {
    const r = resolver();
    const before = ls.seen.filter((s) => s.path === '/data/upload/5/shared.png').length;
    const all = await Promise.all(
      Array.from({ length: 20 }, () => r.resolve('/data/upload/5/shared.png')),
    );
    expect(new Set(all.map((x) => x.path)).size).toBe(1);
    expect(ls.seen.filter((s) => s.path === '/data/upload/5/shared.png').length - before).toBe(1);
    await r.resolve('/data/upload/5/shared.png');
    expect(ls.seen.filter((s) => s.path === '/data/upload/5/shared.png').length - before).toBe(1);
  });

  it('evicts least recently used files beyond the cache bound, then downloads again', async () => {
    const r = resolver({ cacheMaxBytes: IMAGE_BYTES.length * 2 });
    const count = (p: string) => ls.seen.filter((s) => s.path === p).length;
    await r.resolve('/data/upload/7/a.png');
    await r.resolve('/data/upload/7/b.png');
    await r.resolve('/data/upload/7/c.png'); // evicts a
    const a = count('/data/upload/7/a.png');
    await r.resolve('/data/upload/7/a.png');
    expect(count('/data/upload/7/a.png')).toBe(a + 1);
  });

  it('explains 401 with a hint about LABEL_STUDIO_API_KEY, and 404, naming the URL without the token', async () => {
    await expect(
      resolver({ apiKey: 'wrong' }).resolve('/data/upload/1/x.png'),
    ).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(
        /\/data\/upload\/1\/x\.png answered 401: check LABEL_STUDIO_API_KEY/,
      ) as unknown,
    });
    const missing = resolver().resolve('/data/upload/1/missing.png');
    await expect(missing).rejects.toMatchObject({ code: 'DATA_NOT_FOUND', status: 404 });
    await expect(missing).rejects.not.toThrow(new RegExp(TOKEN));
  });

  it('refuses bodies over the size limit, and times out a stalled download or a silent host', async () => {
    await expect(resolver({ maxBytes: 1000 }).resolve(`${ls.url}/huge`)).rejects.toMatchObject({
      code: 'DATA_TOO_LARGE',
    });
    await expect(resolver({ readTimeoutMs: 200 }).resolve(`${ls.url}/slow`)).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
    });
    await expect(
      resolver({ connectTimeoutMs: 200 }).resolve(`${ls.url}/hang`),
    ).rejects.toMatchObject({
      code: 'DATA_TIMEOUT',
      message: expect.stringMatching(/No answer from .*\/hang within 200 ms/) as unknown,
    });
  });

  it('refuses other schemes and, when asked, private addresses of hosts other than Label Studio', async () => {
    for (const bad of ['file:///etc/passwd', 'ftp://x/y', 'javascript:alert(1)', 'gopher://x']) {
      await expect(resolver().resolve(bad)).rejects.toMatchObject({ code: 'DATA_BLOCKED' });
    }
    const guarded = resolver({ blockPrivateAddresses: true });
    await expect(guarded.resolve(`${other.url}/public/a.png`)).rejects.toMatchObject({
      code: 'DATA_BLOCKED',
      message: expect.stringMatching(/127\.0\.0\.1/) as unknown,
    });
    expect((await guarded.readBuffer('/data/upload/2/ok.png')).equals(IMAGE_BYTES)).toBe(true);
  });

  it('decodes data: URIs (base64 and percent-encoded)', async () => {
    const r = resolver();
    expect(
      (await r.readBuffer(`data:image/png;base64,${IMAGE_BYTES.toString('base64')}`)).equals(
        IMAGE_BYTES,
      ),
    ).toBe(true);
    expect(await r.readText('data:text/plain,hello%20world')).toBe('hello world');
    const resolved = await r.resolve('data:text/plain;base64,aGk=');
    expect(readFileSync(resolved.path, 'utf8')).toBe('hi');
    expect(resolved.contentType).toBe('text/plain');
  });

  it('reads local files under the document root and refuses traversal, encoded or through symlinks', async () => {
    const root = join(work, 'root');
    mkdirSync(join(root, 'dir'), { recursive: true });
    writeFileSync(join(root, 'dir', 'a.txt'), 'inside');
    writeFileSync(join(work, 'secret.txt'), 'outside');
    symlinkSync(join(work, 'secret.txt'), join(root, 'dir', 'link.txt'));
    const r = resolver({ localFilesRoot: root });
    expect(await r.readText('/data/local-files/?d=dir/a.txt')).toBe('inside');
    expect(await r.readText('/data/local-files/?d=dir%2Fa.txt')).toBe('inside');
    for (const bad of [
      '/data/local-files/?d=../secret.txt',
      '/data/local-files/?d=dir/../../secret.txt',
      '/data/local-files/?d=%2e%2e/secret.txt',
      '/data/local-files/?d=dir/link.txt',
      join(work, 'secret.txt'),
    ]) {
      await expect(r.resolve(bad), bad).rejects.toMatchObject({ code: 'DATA_BLOCKED' });
    }
    // Without LOCAL_FILES_SERVING_ENABLED here, local-files URLs go to Label Studio like any
    // upload, and Label Studio refuses them unless its own local files serving is on.
    await expect(resolver().resolve('/data/local-files/?d=dir/a.txt')).rejects.toMatchObject({
      code: 'DATA_UNAUTHORIZED',
      message: expect.stringMatching(
        /answered 403: Label Studio does not serve local files.*LOCAL_FILES_SERVING_ENABLED=true/,
      ) as unknown,
    });
  });
});

describe('the private-address guard, end to end (LSML_BLOCK_PRIVATE_ADDRESSES=true)', () => {
  // Every spelling reaches `other` (listening on 127.0.0.1) when the guard is off.
  const spellings = (port: string) => [
    `http://[::ffff:127.0.0.1]:${port}/mapped-dotted.png`,
    `http://[::ffff:7f00:1]:${port}/mapped-hex.png`,
    `http://2130706433:${port}/decimal.png`,
    `http://0x7f.1:${port}/hex.png`,
    `http://0177.0.0.1:${port}/octal.png`,
  ];

  it('refuses loopback in every spelling that reaches it without the guard', async () => {
    const port = new URL(other.url).port;
    for (const url of spellings(port)) {
      const path = new URL(url).pathname;
      expect((await resolver().readBuffer(url)).equals(IMAGE_BYTES), url).toBe(true);
      expect(other.seen.at(-1)?.path, url).toBe(path);
      await expect(
        resolver({ blockPrivateAddresses: true }).resolve(url),
        url,
      ).rejects.toMatchObject({
        code: 'DATA_BLOCKED',
        message: expect.stringMatching(/loopback.*LSML_BLOCK_PRIVATE_ADDRESSES/) as unknown,
      });
      expect(
        other.seen.filter((s) => s.path === path),
        url,
      ).toHaveLength(1);
    }
  });

  it('guards every hop after a redirect from the env Label Studio origin to another host', async () => {
    const port = new URL(other.url).port;
    for (const away of [other.origin, `http://[::ffff:7f00:1]:${port}`, `http://0x7f.1:${port}`]) {
      const lsAway = await fakeLabelStudio({ otherOrigin: () => away });
      try {
        const r = resolver({
          labelStudioUrl: lsAway.url,
          apiKey: lsAway.tokens.legacy,
          blockPrivateAddresses: true,
        });
        // Label Studio itself, named by LABEL_STUDIO_URL, is exempt: it lives on 127.0.0.1 here.
        expect((await r.readBuffer('/data/upload/3/ok.png')).equals(IMAGE_BYTES)).toBe(true);
        const before = other.seen.length;
        await expect(r.resolve(`${lsAway.url}/redirect-away`), away).rejects.toMatchObject({
          code: 'DATA_BLOCKED',
        });
        // A presigned cloud storage URL is another host, too.
        await expect(r.resolve('s3://bucket/cat.png', { taskId: 4 }), away).rejects.toMatchObject({
          code: 'DATA_BLOCKED',
        });
        expect(other.seen.length, away).toBe(before);
        expect(lsAway.seen.map((s) => s.path.split('?')[0])).toEqual([
          '/data/upload/3/ok.png',
          '/redirect-away',
          '/tasks/4/presign/',
        ]);
      } finally {
        await lsAway.close();
      }
    }
  });

  it('never exempts a Label Studio hostname /setup sent; LABEL_STUDIO_URL is the way to allow it', async () => {
    const fromSetup = resolver({
      labelStudioUrl: undefined,
      apiKey: undefined,
      blockPrivateAddresses: true,
    });
    fromSetup.setLabelStudio({ url: ls.url, token: TOKEN });
    const before = ls.seen.length;
    for (const value of ['/data/upload/8/a.png', `${ls.url}/data/upload/8/b.png`]) {
      await expect(fromSetup.resolve(value), value).rejects.toMatchObject({
        code: 'DATA_BLOCKED',
        message: expect.stringMatching(
          /the Label Studio hostname \/setup sent.*set LABEL_STUDIO_URL to the Label Studio address to allow it/,
        ) as unknown,
      });
    }
    expect(ls.seen.length).toBe(before);
    // The same host set by the operator is Label Studio's own origin, and is read.
    const fromEnv = resolver({ blockPrivateAddresses: true });
    fromEnv.setLabelStudio({ url: other.url, token: 'ignored' });
    expect((await fromEnv.readBuffer('/data/upload/8/a.png')).equals(IMAGE_BYTES)).toBe(true);
    expect(ls.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/data/upload/8/a.png',
      authorization: `Token ${TOKEN}`,
    });
  });
});
