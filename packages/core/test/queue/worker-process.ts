// A training worker for e2e tests. Its job lock is BullMQ's default unless LOCK_MS shortens it
// (the crash test does, so a killed worker's job is retried within seconds): a short lock lost
// by a worker starved on a busy machine would run the same job twice. Logs JSON lines (pino)
// on stdout.
import { pino } from 'pino';
import { runWorker } from '../../src/index.js';
import { slowBackend } from './slow-backend.js';

await runWorker(slowBackend, {
  lockDuration: Number(process.env.LOCK_MS ?? 30_000),
  stalledInterval: Number(process.env.STALLED_MS ?? 1_000),
  logger: pino({ level: 'info' }),
});
