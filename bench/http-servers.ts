/**
 * The servers `bench/http.ts` measures, one per child process (so the load generator does not
 * share a core with them): `hello` (bare Hono GET), `json` (bare Hono POST that parses the
 * /predict body and answers JSON of the same size), `dummy` (lsml's dummy backend).
 * Usage: node --conditions=source --import tsx bench/http-servers.ts <kind> <port>
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve as listen } from '@hono/node-server';
import { createApp } from '@lsml/core';
import { dummy } from 'dummy';
import { Hono } from 'hono';
import { pino } from 'pino';

const [kind = 'hello', portText = '0'] = process.argv.slice(2);
const port = Number(portText);

function bareHello(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.text('Hello Hono!'));
  return app;
}

function bareJson(responseTemplate: string): Hono {
  const app = new Hono();
  // The same answer lsml gives, parsed once: each request parses its body and serialises it.
  const answer = JSON.parse(responseTemplate) as Record<string, unknown>;
  app.post('/predict', async (c) => {
    const body = await c.req.json<{ tasks: unknown[] }>();
    return c.json({ ...answer, tasks: body.tasks.length });
  });
  return app;
}

const app =
  kind === 'hello'
    ? bareHello()
    : kind === 'json'
      ? bareJson(process.env.BENCH_RESPONSE ?? '{}')
      : createApp(dummy, {
          modelDir: mkdtempSync(join(tmpdir(), 'lsml-bench-')),
          logger: pino({ level: 'silent' }),
        });

const server = listen({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`READY ${info.port}\n`);
});
// CPU time per request is the fair measure on a busy machine: the bench reads it at the end.
let cpuAtStart = process.cpuUsage();
process.on('SIGUSR2', () => {
  cpuAtStart = process.cpuUsage();
});
process.on('SIGTERM', () => {
  const used = process.cpuUsage(cpuAtStart);
  process.stdout.write(`CPU ${used.user + used.system}\n`);
  server.close();
  process.exit(0);
});
