import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, testService } from '../../test/helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('GET /health', () => {
  it('reports the model store and says training can run', async () => {
    const s = testService(echoBackend());
    cleanups.push(s.cleanup);
    const res = await s.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'UP',
      can_train: true,
      checks: { modelStore: { ok: true } },
    });
  });

  it('answers 503 with the reason when the model store is not writable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lsml-health-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const s = testService(echoBackend(), { modelDir: join(file, 'models') });
    cleanups.push(s.cleanup);

    const res = await s.app.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'DEGRADED',
      can_train: false,
      reason: expect.stringContaining('the model store is not writable') as unknown,
    });
    // Label Studio stops predicting after a failed /health: it always gets a 200.
    const fromLabelStudio = await s.app.request('/health', {
      headers: { 'user-agent': 'heartex/1.20.0' },
    });
    expect(fromLabelStudio.status).toBe(200);
    expect(await fromLabelStudio.json()).toMatchObject({ status: 'UP', can_train: false });
    expect((await s.app.request('/')).status).toBe(200);
  });
});
