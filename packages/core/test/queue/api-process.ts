// An API replica in production mode for e2e tests: prints {"port": n} once listening.
import { pino } from 'pino';
import { serve } from '../../src/index.js';
import { slowBackend } from './slow-backend.js';

const running = await serve(slowBackend, {
  port: 0,
  host: '127.0.0.1',
  mode: 'production',
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
});
process.stdout.write(JSON.stringify({ port: running.port }) + '\n');
