/**
 * `pnpm bench:http`: dummy /predict (10 tasks per request) against two ceilings measured in
 * the same run on loopback with 64 connections: a bare Hono hello-world GET and a bare Hono POST
 * that parses the same JSON body and answers JSON of the same size. Target: dummy ≥ 0.8 × bare JSON.
 *
 * Then the cost of recording predictions for acceptance analytics: dummy with recording on
 * (the default) against off, each request for 10 new tasks (so the log fills as in real use).
 * Target: ≤ 5% throughput loss. With `BENCH_REDIS=1`, the same pair in production mode on Redis
 * (on the same machine, Redis takes CPU from the server: the figure is a worst case).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SENTIMENT_CONFIG, lsTask } from '@lsml/testing';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 64;
const serverScript = fileURLToPath(new URL('./http-servers.ts', import.meta.url));

const body = JSON.stringify({
  tasks: Array.from({ length: 10 }, (_, i) =>
    lsTask(1000 + i, { text: `review number ${i}: the product works well` }),
  ),
  project: '1.1700000000',
  label_config: SENTIMENT_CONFIG,
  params: { login: null, password: null, context: null },
});

interface Server {
  child: ChildProcess;
  port: number;
  /** Everything the child printed so far. */
  output: () => string;
}

async function start(kind: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', serverScript, kind, '0'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (let i = 0; i < 300 && !/READY \d+/.test(out); i++)
    await new Promise((r) => setTimeout(r, 50));
  const match = /READY (\d+)/.exec(out);
  if (!match) throw new Error(`server ${kind} did not start`);
  return { child, port: Number(match[1]), output: () => out };
}

interface Measured {
  rps: number;
  p99: number;
  /** Server CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
}

async function measure(
  kind: string,
  path: string,
  options: Partial<autocannon.Options>,
  env?: Record<string, string>,
): Promise<Measured> {
  const server = await start(kind, env);
  const url = `http://127.0.0.1:${server.port}${path}`;
  try {
    // Warm-up, so JIT and caches are hot before the measured run.
    await autocannon({ url, connections: CONNECTIONS, duration: 1, ...options });
    server.child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, 100));
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      ...options,
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    const cpu = Number(/CPU (\d+)/.exec(server.output())?.[1] ?? NaN);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      cpuUs: cpu / result.requests.total,
    };
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
  }
}

const post = { method: 'POST' as const, body, headers: { 'content-type': 'application/json' } };

/** The same request for 10 tasks no request asked about before. */
function freshTasks(): Partial<autocannon.Options> {
  let next = 0;
  const template = JSON.parse(body) as { tasks: { id: number }[] };
  return {
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          for (const t of template.tasks) t.id = ++next;
          return { ...request, body: JSON.stringify(template) };
        },
      },
    ],
  };
}

// The dummy's real answer, so the bare JSON server sends a body of the same size.
const probe = await start('dummy');
const sample = await (await fetch(`http://127.0.0.1:${probe.port}/predict`, post)).text();
probe.child.kill('SIGTERM');
await once(probe.child, 'exit');

const hello = await measure('hello', '/', {});
const bare = await measure('json', '/predict', post, { BENCH_RESPONSE: sample });
const dummy = await measure('dummy', '/predict', post);

const row = (name: string, r: Measured) =>
  `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms   server CPU ${r.cpuUs.toFixed(0).padStart(5)} µs/req`;
console.log(
  `loopback, ${CONNECTIONS} connections, ${DURATION_S} s each, request ${body.length} B, response ${sample.length} B`,
);
console.log(row('bare Hono hello-world GET', hello));
console.log(row('bare Hono JSON POST (same sizes)', bare));
console.log(row('dummy /predict (10 tasks)', dummy));

/**
 * Recording on against off, alternated `BENCH_ROUNDS` times (default 3) so a neighbour's load
 * hits both alike; the median of each.
 */
async function onOff(on: string, off: string): Promise<{ on: Measured; off: Measured }> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const runs: { on: Measured[]; off: Measured[] } = { on: [], off: [] };
  for (let i = 0; i < rounds; i++) {
    runs.off.push(await measure(off, '/predict', freshTasks()));
    runs.on.push(await measure(on, '/predict', freshTasks()));
  }
  const median = (xs: Measured[]): Measured => {
    const mid = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    return {
      rps: mid(xs.map((x) => x.rps)),
      p99: mid(xs.map((x) => x.p99)),
      cpuUs: mid(xs.map((x) => x.cpuUs)),
    };
  };
  return { on: median(runs.on), off: median(runs.off) };
}

const dev = await onOff('dummy', 'dummy-off');
const redis =
  process.env.BENCH_REDIS === '1' ? await onOff('dummy-redis', 'dummy-redis-off') : undefined;
console.log(row('dummy, new tasks, recording off', dev.off));
console.log(row('dummy, new tasks, recording on', dev.on));
if (redis) {
  console.log(row('production (Redis), recording off', redis.off));
  console.log(row('production (Redis), recording on', redis.on));
}
const ratio = dummy.rps / bare.rps;
const cpuRatio = bare.cpuUs / dummy.cpuUs;
console.log(
  `ratio dummy / bare JSON POST, throughput: ${ratio.toFixed(2)} (target ≥ 0.80) ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`,
);
// On a busy machine the load generator competes for cores; CPU per request is the steadier ratio.
console.log(
  `ratio dummy / bare JSON POST, CPU per request (bare ÷ dummy): ${cpuRatio.toFixed(2)} (target ≥ 0.80) ${cpuRatio >= 0.8 ? 'MET' : 'NOT MET'}`,
);
console.log(`ratio dummy / hello-world, throughput: ${(dummy.rps / hello.rps).toFixed(2)}`);
const recording = (name: string, on: Measured, off: Measured) => {
  const loss = 1 - on.rps / off.rps;
  const cpuLoss = 1 - off.cpuUs / on.cpuUs;
  console.log(
    `${name}: recording on / off, throughput ${(on.rps / off.rps).toFixed(3)} (loss ${(loss * 100).toFixed(1)}%, target ≤ 5%) ${loss <= 0.05 ? 'MET' : 'NOT MET'}; ` +
      `CPU per request off ÷ on ${(off.cpuUs / on.cpuUs).toFixed(3)} (loss ${(cpuLoss * 100).toFixed(1)}%) ${cpuLoss <= 0.05 ? 'MET' : 'NOT MET'}`,
  );
};
recording('dev (file log)', dev.on, dev.off);
if (redis) recording('production (Redis log)', redis.on, redis.off);
