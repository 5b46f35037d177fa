import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { echoBackend, postJson, TEXT_CONFIG } from '../../test/helpers.js';
import { freshPrefix, wipePrefix } from '../../test/queue/redis-keys.js';
import { createService } from '../server/create-app.js';

const redisUrl = inject('redisUrl');

const created = (taskId: number) => ({
  action: 'ANNOTATION_CREATED',
  project: { id: 4, label_config: TEXT_CONFIG },
  task: { id: taskId, data: { text: `t${String(taskId)}` } },
  annotation: {
    id: 500 + taskId,
    result: [
      {
        from_name: 'sentiment',
        to_name: 'text',
        type: 'choices',
        value: { choices: ['Positive'] },
      },
    ],
  },
});

describe.skipIf(!redisUrl)('LSML_TRAIN_EVERY with two API replicas', () => {
  const prefix = freshPrefix();
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-every-'));
  const replica = () =>
    createService(echoBackend(), {
      mode: 'production',
      modelDir,
      redis: { url: redisUrl },
      queuePrefix: prefix,
      trainEvery: 3,
      logger: pino({ level: 'silent' }),
    });
  const replicas = [replica(), replica()];
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await wipePrefix(redisUrl, prefix);
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('counts annotations across replicas: every third one queues training, whichever replica gets it', async () => {
    const answers: unknown[] = [];
    for (let taskId = 1; taskId <= 7; taskId += 1) {
      // Alternate replicas, as a load balancer would.
      const app = replicas[taskId % 2]!.app;
      const res = await postJson(app, '/webhook', created(taskId));
      expect(res.status).toBe(201);
      const body = (await res.json()) as { training?: string; job?: string };
      answers.push(body.job === undefined ? body.training : 'queued');
    }
    expect(answers).toEqual([
      'after 2 more annotation(s)',
      'after 1 more annotation(s)',
      'queued',
      'after 2 more annotation(s)',
      'after 1 more annotation(s)',
      'queued',
      'after 2 more annotation(s)',
    ]);
  });
});
