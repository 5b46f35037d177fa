// A production API replica for the status page test: prints {"port": n} once listening.
import { serve } from '@lsml/core';
import { pino } from 'pino';
import { gatedBackend } from './gated-backend.js';

const running = await serve(gatedBackend, {
  port: 0,
  host: '127.0.0.1',
  mode: 'production',
  logger: pino({ level: 'warn' }),
});
process.stdout.write(JSON.stringify({ port: running.port }) + '\n');
