import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobFinishedIn } from '../../core/test/wait-for.js';
import { run } from '../src/run.js';
import { servingPort, waitForOk } from './helpers/free-port.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, repoRoot, SENTIMENT_XML } from './helpers/paths.js';
import { redisAnswers, wipeRedisPrefix } from './helpers/redis.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-worker-'));
// Under the run's prefix (scripts/parallel-suites.mjs runs two copies on one Redis).
const prefix = `${process.env.LSML_TEST_REDIS_PREFIX ?? 'lsml-test'}-cli-${randomUUID().slice(0, 8)}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const hasRedis = await redisAnswers();
// CI sets LSML_REQUIRE_REDIS=1: there a missing Redis is a failure, not a skip.
if (!hasRedis && process.env.LSML_REQUIRE_REDIS === '1') {
  throw new Error('LSML_REQUIRE_REDIS=1 but Redis does not answer on 127.0.0.1:6379');
}
afterAll(async () => {
  rmSync(temp, { recursive: true, force: true });
  if (hasRedis) await wipeRedisPrefix(prefix);
});

describe.skipIf(!hasRedis)('lsml worker (needs Redis on 127.0.0.1:6379)', () => {
  it('trains what `start --mode production` queues, and the server serves the new version', async () => {
    const env = { LSML_QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
    const models = join(temp, 'models');
    const api = memoryIo({ cwd: repoRoot, env });
    const serving = run(
      [
        'start',
        dummyDir,
        '--port',
        '0', // the OS picks a free port at bind time
        '--host',
        '127.0.0.1',
        '--mode',
        'production',
        '--model-dir',
        models,
      ],
      api,
    );
    const workerIo = memoryIo({ cwd: repoRoot, env });
    const working = run(
      ['worker', dummyDir, '--model-dir', models, '--concurrency', '2'],
      workerIo,
    );
    try {
      const port = await servingPort(() => api.err(), serving);
      await waitForOk(`http://127.0.0.1:${port}/health`, 60_000);
      const webhook = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'START_TRAINING',
          project: { id: 5, label_config: SENTIMENT_XML },
        }),
      });
      expect(webhook.status).toBeLessThan(300);
      // Waits for the job's completion event, not for /versions to change: the version is
      // committed before BullMQ marks the job completed, so one look after it is enough.
      const { job } = (await webhook.json()) as { job: string };
      await jobFinishedIn(REDIS_URL, { queueName: 'train-dummy', prefix }, job);
      const res = await fetch(`http://127.0.0.1:${port}/versions?project=5`);
      const { versions } = (await res.json()) as { versions: string[] };
      expect(versions).toContain('dummy-v1');
      expect(workerIo.err()).toMatch(/training worker for dummy running \(concurrency 2\)/);
    } finally {
      workerIo.interrupt();
      api.interrupt();
      expect(await working).toBe(0);
      expect(await serving).toBe(0);
    }
  });
});
