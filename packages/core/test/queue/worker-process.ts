// A training worker for e2e tests; lock and stall timings are short so a killed worker's job
// is retried within seconds. Logs JSON lines (pino) on stdout.
import { pino } from 'pino';
import { runWorker } from '../../src/index.js';
import { slowBackend } from './slow-backend.js';

await runWorker(slowBackend, {
  concurrency: Number(process.env.LSML_WORKER_CONCURRENCY ?? 1),
  lockDuration: Number(process.env.LOCK_MS ?? 2_000),
  stalledInterval: Number(process.env.STALLED_MS ?? 1_000),
  logger: pino({ level: 'info' }),
});
