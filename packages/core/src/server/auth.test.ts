import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService } from '../../test/helpers.js';

const basic = (user: string, pass: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
});
const START = { action: 'START_TRAINING', project: { id: 1 } };
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});
function service(options: Parameters<typeof testService>[1]) {
  const s = testService(echoBackend(), options);
  cleanup = () => s.cleanup();
  return s;
}

describe('basic auth', () => {
  it('guards /health too (Label Studio explains a 401 there as wrong credentials) and the rest', async () => {
    const { app } = service({ basicAuth: { user: 'u', pass: 'p' } });
    expect((await app.request('/health')).status).toBe(401);
    expect((await app.request('/health', { headers: basic('u', 'p') })).status).toBe(200);
    expect((await postJson(app, '/setup', {})).status).toBe(401);
    expect((await postJson(app, '/setup', {}, basic('u', 'p'))).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(401);
  });

  it('accepts passwords containing colons', async () => {
    const { app } = service({ basicAuth: { user: 'u', pass: 'a:b:c' } });
    expect((await postJson(app, '/setup', {}, basic('u', 'a:b:c'))).status).toBe(200);
  });
});

describe('webhooks under basic auth (Label Studio sends them without credentials)', () => {
  it('accept the secret as a query parameter or header', async () => {
    const { app } = service({ basicAuth: { user: 'u', pass: 'p' }, webhookSecret: 's3cret' });
    expect((await postJson(app, '/webhook?secret=s3cret', START)).status).toBe(201);
    expect((await postJson(app, '/webhook', START, { 'x-webhook-secret': 's3cret' })).status).toBe(
      201,
    );
    expect((await postJson(app, '/webhook', START, basic('u', 'p'))).status).toBe(201);
  });

  it('reject a missing or wrong secret with a hint about WEBHOOK_SECRET', async () => {
    const { app } = service({ basicAuth: { user: 'u', pass: 'p' } });
    const res = await postJson(app, '/webhook', START);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/WEBHOOK_SECRET/);
  });

  it('can be opened explicitly with webhookAuth none', async () => {
    const { app } = service({ basicAuth: { user: 'u', pass: 'p' }, webhookAuth: 'none' });
    expect((await postJson(app, '/webhook', START)).status).toBe(201);
    expect((await postJson(app, '/predict', {})).status).toBe(401);
  });
});

describe('without basic auth', () => {
  it('everything is open', async () => {
    const { app } = service({});
    expect((await postJson(app, '/webhook', START)).status).toBe(201);
  });
});
