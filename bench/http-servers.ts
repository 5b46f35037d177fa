/**
 * The servers `bench/http.ts` measures, one per child process (so the load generator does not
 * share a core with them): `hello` (bare Hono GET), `json` (bare Hono POST that parses the
 * /predict body and answers JSON of the same size), `dummy` (lsml's dummy backend, recording
 * its predictions for acceptance analytics as it does by default, within a 3% time budget),
 * `dummy-all` (recording every prediction: `LSML_PREDICTION_LOG_BUDGET=1`), `dummy-off`
 * (recording off: `LSML_PREDICTION_LOG_MAX=0`); `dummy-redis`, `dummy-redis-all` and
 * `dummy-redis-off` the same in production mode on `REDIS_URL` (a fresh key prefix).
 * Usage: node --conditions=source --import tsx bench/http-servers.ts <kind> <port>
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve as listen } from '@hono/node-server';
import { createService } from '@lsml/core';
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

/** Production kinds: wipes their key prefix when the bench stops them. */
let wipe: (() => Promise<void>) | undefined;

function lsml(): Hono {
  const production = kind.startsWith('dummy-redis');
  const service = createService(dummy, {
    modelDir: mkdtempSync(join(tmpdir(), 'lsml-bench-')),
    logger: pino({ level: 'silent' }),
    ...(kind.endsWith('-off') ? { predictionLog: { maxEntries: 0, maxDays: 1 } } : {}),
    ...(kind.endsWith('-all') ? { predictionLogBudget: 1 } : {}),
    ...(production
      ? {
          mode: 'production' as const,
          redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
          queuePrefix: `lsml-bench-${process.pid}`,
        }
      : {}),
  });
  const redis = service.runtime.redis;
  if (redis) {
    wipe = async () => {
      await service.runtime.flush();
      const keys = await redis.connection.keys(`${redis.keys.prefix}:*`);
      if (keys.length > 0) await redis.connection.del(...keys);
    };
  }
  return service.app as unknown as Hono;
}

const app =
  kind === 'hello'
    ? bareHello()
    : kind === 'json'
      ? bareJson(process.env.BENCH_RESPONSE ?? '{}')
      : lsml();

const server = listen({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`READY ${info.port}\n`);
});
// CPU time per request is the fair measure on a busy machine. The bench reads it at the end
// (SIGTERM), from a reset point (SIGUSR2), or at any moment by writing `cpu` to stdin (the
// on/off comparison reads it around each burst of requests).
let cpuAtStart = process.cpuUsage();
const cpuSinceStart = () => {
  const used = process.cpuUsage(cpuAtStart);
  return used.user + used.system;
};
process.on('SIGUSR2', () => {
  cpuAtStart = process.cpuUsage();
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text: string) => {
  for (const line of text.split('\n'))
    if (line.trim() === 'cpu') process.stdout.write(`CPU ${cpuSinceStart()}\n`);
});
process.on('SIGTERM', () => {
  process.stdout.write(`CPU ${cpuSinceStart()}\n`);
  server.close();
  process.stdin.destroy();
  void (wipe?.() ?? Promise.resolve()).finally(() => process.exit(0));
});
