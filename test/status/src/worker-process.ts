// A production training worker for the status page test; prints "worker ready".
import { runWorker } from '@lsml/core';
import { pino } from 'pino';
import { gatedBackend } from './gated-backend.js';

await runWorker(gatedBackend, { logger: pino({ level: 'warn' }) });
process.stdout.write('worker ready\n');
