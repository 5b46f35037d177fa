import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, inject } from 'vitest';
import { serve } from '../../src/server/serve.js';
import { QueueTrainer } from '../../src/training/queue-trainer.js';
import { runWorker } from '../../src/training/queue-worker.js';
import { freshPrefix, wipePrefix } from '../queue/redis-keys.js';
import { fuzzBackend } from './fuzz-backend.js';
import { defineFuzzSuite, FUZZ_SEED } from './fuzz-suite.js';

const redisUrl = inject('redisUrl');
const silent = pino({ level: 'silent' });
const CREDENTIALS = `Basic ${Buffer.from('ls:fuzz-secret').toString('base64')}`;

/**
 * Production mode: training data and state in Redis, a QueueTrainer, a worker taking the jobs,
 * behind basic auth with a webhook secret. Fewer requests than dev mode: each touches Redis.
 */
describe.skipIf(!redisUrl)(`fuzz, production mode on Redis (seed ${FUZZ_SEED})`, () => {
  defineFuzzSuite(
    async () => {
      const prefix = freshPrefix();
      const modelDir = mkdtempSync(join(tmpdir(), 'lsml-fuzz-redis-'));
      const backend = fuzzBackend();
      const common = { modelDir, redis: { url: redisUrl }, queuePrefix: prefix, logger: silent };
      const running = await serve(backend, {
        ...common,
        mode: 'production',
        port: 0,
        host: '127.0.0.1',
        handleSignals: false,
        bodyLimit: 256 * 1024,
        basicAuth: { user: 'ls', pass: 'fuzz-secret' },
        webhookSecret: 'hook',
        trainer: (runtime) => new QueueTrainer(runtime, { backoffMs: 50 }),
      });
      const worker = await runWorker(backend, { ...common, handleSignals: false });
      return {
        app: running.app as never,
        port: running.port,
        close: async () => {
          await running.shutdown();
          await worker.close();
          await wipePrefix(redisUrl, prefix);
          rmSync(modelDir, { recursive: true, force: true });
        },
      };
    },
    { inProcess: 3_000, throwing: 100, socket: 300, raw: 150 },
    CREDENTIALS,
  );
});
