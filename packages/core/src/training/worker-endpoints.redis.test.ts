import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { echoBackend, postJson, TEXT_CONFIG } from '../../test/helpers.js';
import { freshPrefix, wipePrefix } from '../../test/queue/redis-keys.js';
import { createService } from '../server/index.js';
import { runWorker } from './queue-worker.js';

const redisUrl = inject('redisUrl');
const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function deployment() {
  const prefix = freshPrefix();
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-worker-http-'));
  cleanups.push(async () => {
    rmSync(modelDir, { recursive: true, force: true });
    await wipePrefix(redisUrl, prefix);
  });
  const options = {
    mode: 'production' as const,
    redis: { url: redisUrl },
    queuePrefix: prefix,
    modelDir,
    logger: silent,
  };
  return { options };
}

describe('health across processes (production)', () => {
  it('an API replica answers 503 until a worker sends its heartbeat; /predict works meanwhile', async () => {
    const { options } = deployment();
    const api = createService(echoBackend(), options);
    cleanups.push(() => api.close());
    const before = await api.app.request('/health');
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({
      can_train: false,
      reason: expect.stringContaining('no training worker seen') as unknown,
      checks: { redis: { ok: true }, workers: { ok: false, alive: 0 } },
    });
    const predict = await postJson(api.app, '/predict', {
      project: '1',
      label_config: TEXT_CONFIG,
      tasks: [{ id: 1, data: { text: 'a' } }],
    });
    expect(predict.status).toBe(200);

    const worker = await runWorker(echoBackend(), { ...options, handleSignals: false, env: {} });
    cleanups.push(() => worker.close());
    // The API caches its checks for 2 s; a second replica asks afresh.
    const other = createService(echoBackend(), options);
    cleanups.push(() => other.close());
    const after = await other.app.request('/health');
    expect(await after.json()).toMatchObject({
      can_train: true,
      checks: { workers: { ok: true, alive: 1 } },
    });
    expect(after.status).toBe(200);
  });

  it('a worker serves /health and /metrics on LSML_WORKER_PORT, counting its jobs', async () => {
    const { options } = deployment();
    const worker = await runWorker(echoBackend(), {
      ...options,
      handleSignals: false,
      env: { LSML_WORKER_PORT: '0', HOST: '127.0.0.1' },
    });
    cleanups.push(() => worker.close());
    expect(worker.port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${String(worker.port)}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'UP',
      role: 'worker',
      checks: { redis: { ok: true } },
    });

    const api = createService(echoBackend(), options);
    cleanups.push(() => api.close());
    const completed = new Promise((resolve) => worker.worker.once('completed', resolve));
    await postJson(api.app, '/webhook', { action: 'START_TRAINING', project: { id: 4 } });
    await completed;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('lsml_worker_jobs_total{outcome="completed"} 1');
    expect(metrics).toMatch(/lsml_worker_job_duration_seconds_count\{outcome="completed"\} 1/);
    expect(metrics).toContain('lsml_training_runs_total{outcome="trained"} 1');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
