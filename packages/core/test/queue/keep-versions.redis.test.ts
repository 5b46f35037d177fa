import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { defineBackend } from '../../src/contract/backend.js';
import { createService } from '../../src/server/create-app.js';
import { QueueTrainer } from '../../src/training/queue-trainer.js';
import { runWorker } from '../../src/training/queue-worker.js';
import { postJson } from '../helpers.js';
import { freshPrefix, wipePrefix } from './redis-keys.js';

const redisUrl = inject('redisUrl');
const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backend = defineBackend<{ n: number }>({
  name: 'kept',
  predict: (tasks) => tasks.map(() => ({ result: [] })),
  fit: () => ({ status: 'trained', model: { n: 1 } }),
});

describe.skipIf(!redisUrl)('LSML_KEEP_VERSIONS on a worker', () => {
  it('prunes what the worker commits to the newest N, plus the pinned rollback target', async () => {
    vi.stubEnv('LSML_KEEP_VERSIONS', '2');
    const prefix = freshPrefix();
    const modelDir = mkdtempSync(join(tmpdir(), 'lsml-keep-'));
    // The API replica gets the same setting by option (only serve() and runWorker() read env).
    const service = createService(backend, {
      mode: 'production',
      modelDir,
      keepVersions: 2,
      logger: silent,
      redis: { url: redisUrl },
      queuePrefix: prefix,
      trainer: (runtime) => new QueueTrainer(runtime),
    });
    const worker = await runWorker(backend, {
      modelDir,
      redis: { url: redisUrl },
      queuePrefix: prefix,
      logger: silent,
      handleSignals: false,
    });
    cleanups.push(async () => {
      await worker.close();
      await service.close();
      await wipePrefix(redisUrl, prefix);
      rmSync(modelDir, { recursive: true, force: true });
    });
    const train = async () => {
      const res = await postJson(service.app, '/webhook', {
        action: 'START_TRAINING',
        project: { id: 3 },
      });
      expect(res.status).toBe(201);
      await service.trainer.idle();
    };
    await train();
    await train();
    // An operator rolls back to v1 (through the API process's store, as `lsml rollback` would).
    await service.runtime.store.rollback('3', 1);
    await train();
    await train();
    const folders = readdirSync(join(modelDir, '3')).filter((e) => /^\d+$/.test(e));
    expect(folders.map(Number).sort((a, b) => a - b)).toEqual([1, 3, 4]);
    const res = await service.app.request('/versions?project=3');
    expect(await res.json()).toMatchObject({
      projects: { '3': { current: 'kept-v4', keep: 2, pinned: 'kept-v1' } },
    });
  });

  it('refuses to start a worker with a keep count that is not a whole number ≥ 1', async () => {
    vi.stubEnv('LSML_KEEP_VERSIONS', 'none');
    await expect(
      runWorker(backend, { redis: { url: redisUrl }, logger: silent, handleSignals: false }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^LSML_KEEP_VERSIONS="none" is not valid/),
    });
  });
});
