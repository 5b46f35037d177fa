/**
 * `pnpm bench:http`: dummy /predict (10 tasks per request) against two ceilings measured in
 * the same run on loopback with 64 connections: a bare Hono hello-world GET and a bare Hono POST
 * that parses the same JSON body and answers JSON of the same size. Target: dummy ≥ 0.8 × bare JSON.
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
