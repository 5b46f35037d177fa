import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';
import { counterField } from '../analytics/index.js';

let current: ReturnType<typeof testService<{ n: number }>> | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});
function service(...args: Parameters<typeof testService<{ n: number }>>) {
  current = testService(...args);
  return current;
}
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function trained(s: ReturnType<typeof service>) {
  await postJson(s.app, '/setup', { project: '3.1', schema: TEXT_CONFIG });
  for (let i = 0; i < 2; i++) {
    await postJson(s.app, '/webhook', { action: 'START_TRAINING', project: { id: 3 } });
    await s.trainer.idle();
  }
}

/** The page's form token, read from the rendered page. */
async function tokenOf(app: ReturnType<typeof service>['app']): Promise<string> {
  const page = await (await app.request('/', { headers: BROWSER })).text();
  return /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
}

const rollback = (
  app: ReturnType<typeof service>['app'],
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  app.request('/status/rollback', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

describe('the status page', () => {
  it('answers a browser with HTML and everyone else with the health JSON', async () => {
    const s = service(echoBackend());
    await trained(s);
    const page = await s.app.request('/', { headers: BROWSER });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('data-current-version="echo-v2"');
    expect(html).toContain('Roll back to echo-v1');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    for (const accept of [undefined, '*/*', 'application/json']) {
      const res = await s.app.request('/', accept ? { headers: { accept } } : {});
      expect(await res.json()).toMatchObject({ status: 'UP', model_class: 'echo' });
    }
  });

  it('serves its data as JSON, without secrets', async () => {
    const s = service(echoBackend(), {
      basicAuth: { user: 'u', pass: 'hunter2' },
      webhookSecret: 'hook',
    });
    const auth = { authorization: `Basic ${Buffer.from('u:hunter2').toString('base64')}` };
    expect((await s.app.request('/', { headers: BROWSER })).status).toBe(401);
    const res = await s.app.request('/status', { headers: auth });
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      backend: 'echo',
      config: { basicAuth: true, webhookSecret: true },
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('hook"');
  });

  it('rolls back from the form, and refuses cross-site posts and stale tokens', async () => {
    const s = service(echoBackend());
    await trained(s);
    const token = await tokenOf(s.app);
    const fields = { project: '3', version: 'echo-v1', token };

    const crossSite = await rollback(s.app, fields, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // A client that is not the page's browser gets lsml's JSON error; the browser, the page.
    expect(await crossSite.json()).toMatchObject({
      code: expect.any(String),
      error: expect.stringContaining('posted from another site'),
    });
    const inBrowser = await rollback(s.app, fields, { 'sec-fetch-site': 'cross-site', ...BROWSER });
    expect(inBrowser.headers.get('content-type')).toMatch(/text\/html/);
    expect(await inBrowser.text()).toContain('posted from another site');
    const otherOrigin = await rollback(s.app, fields, {
      origin: 'http://evil.example',
      host: 'localhost',
    });
    expect(otherOrigin.status).toBe(403);
    expect((await rollback(s.app, { ...fields, token: 'stale' })).status).toBe(403);
    expect((await rollback(s.app, { ...fields, version: 'echo-v9' })).status).toBe(404);
    expect((await rollback(s.app, { ...fields, project: '../x' })).status).toBe(422);
    const json = await postJson(s.app, '/status/rollback', fields);
    expect(json.status).toBe(415);
    const multipart = await s.app.request('/status/rollback', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'garbage',
    });
    expect(multipart.status).toBe(415);
    expect((await s.runtime.versions('3'))['3']?.current).toBe('echo-v2');

    const ok = await rollback(s.app, fields, {
      'sec-fetch-site': 'same-origin',
      origin: 'http://localhost',
      host: 'localhost',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('..');
    expect((await s.runtime.versions('3'))['3']?.current).toBe('echo-v1');
  });

  it('renders the live sections alone for the page to swap in', async () => {
    const s = service(echoBackend());
    await trained(s);
    const res = await s.app.request('/status/sections');
    const html = await res.text();
    expect(html).not.toContain('<html');
    for (const name of ['projects', 'jobs', 'acceptance', 'traffic', 'config'])
      expect(html).toContain(`data-section="${name}"`);
    expect(html).toMatch(/data-state="completed"/);
    expect(html).toContain('10000 per project, 30 days, sampled past 1% of the time');
  });

  it('says how many predictions went unrecorded while recording was over its time budget', async () => {
    const s = service(echoBackend());
    const log = s.runtime.acceptance?.log;
    await log?.add('3', {
      [counterField.count('echo-v1', 'recorded')]: 2,
      [counterField.count('echo-v1', 'pending')]: 2,
      [counterField.count('echo-v1', 'unrecorded')]: 40,
    });
    await postJson(s.app, '/setup', { project: '3.1', schema: TEXT_CONFIG });
    const html = await (await s.app.request('/status/sections')).text();
    expect(html).toMatch(/0 annotated, 2 waiting\s*· 40 not recorded/);
    const stats = (await (await s.app.request('/stats?project=3')).json()) as {
      versions: { unrecorded: number }[];
    };
    expect(stats.versions).toMatchObject([{ unrecorded: 40 }]);
  });
});
