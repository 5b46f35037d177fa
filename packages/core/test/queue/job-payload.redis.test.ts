import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { defineBackend } from '../../src/contract/backend.js';
import { createService } from '../../src/server/create-app.js';
import { QueueTrainer } from '../../src/training/queue-trainer.js';
import { postJson, TEXT_CONFIG } from '../helpers.js';
import { freshPrefix, wipePrefix } from './redis-keys.js';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Issue #12 item 5: a 54.6 MB legacy /train left a 54.6 MB `data` field in its job, and BullMQ
// keeps up to 500 completed jobs. Jobs should carry what identifies the work, never the body.
describe.skipIf(!redisUrl)('training job payload', () => {
  it('stays small when a legacy /train posts a 5 MB body', async () => {
    const prefix = freshPrefix();
    const modelDir = mkdtempSync(join(tmpdir(), 'lsml-payload-'));
    const backend = defineBackend({
      name: 'payload',
      predict: (tasks) => tasks.map(() => ({ result: [] })),
      fit: () => ({ status: 'trained', model: {} }),
    });
    const service = createService(backend, {
      mode: 'production',
      modelDir,
      logger: pino({ level: 'silent' }),
      redis: { url: redisUrl },
      queuePrefix: prefix,
      trainer: (runtime) => new QueueTrainer(runtime),
    });
    const direct = new Redis(redisUrl);
    cleanups.push(async () => {
      await service.close();
      await wipePrefix(redisUrl, prefix);
      direct.disconnect();
      rmSync(modelDir, { recursive: true, force: true });
    });
    const annotations = Array.from({ length: 2_000 }, (_, i) => ({
      id: i + 1,
      data: { text: `${String(i)} ${'lorem ipsum '.repeat(210)}` },
      annotations: [
        {
          id: i + 10_000,
          result: [
            {
              from_name: 'sentiment',
              to_name: 'text',
              type: 'choices',
              value: { choices: ['Positive'] },
            },
          ],
        },
      ],
    }));
    const body = { annotations, project: '9.1700000000', label_config: TEXT_CONFIG };
    expect(JSON.stringify(body).length).toBeGreaterThan(5_000_000);
    const res = await postJson(service.app, '/train', body);
    expect(res.status).toBe(201);
    const { job } = (await res.json()) as { job: string };
    const data = await direct.hget(`${prefix}:train-payload:${job}`, 'data');
    expect(data).not.toBeNull();
    expect(Buffer.byteLength(data ?? '')).toBeLessThan(4_096);
  });
});
