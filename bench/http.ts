/**
 * `pnpm bench:http`: dummy /predict (10 tasks per request) against two ceilings measured in
 * the same run on loopback with 64 connections: a bare Hono hello-world GET and a bare Hono POST
 * that parses the same JSON body and answers JSON of the same size. Target: dummy ≥ 0.8 × bare JSON.
 *
 * Then the cost of recording predictions for acceptance analytics, each request for 10 new
 * tasks (so the log fills as in real use): dummy as it runs by default (recording within a 1%
 * time budget, sampling past it) and recording every prediction, each against recording off,
 * with the share of predictions recorded. Target: ≤ 5% throughput loss. With `BENCH_REDIS=1`,
 * the same in production mode on Redis (on the same machine, Redis takes CPU from the server:
 * the figure is a worst case).
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
  /** The child's CPU time (user + system) since it started, in microseconds. */
  cpu: () => Promise<number>;
}

async function start(kind: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', serverScript, kind, '0'],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  let cpuAnswer: ((us: number) => void) | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const answer = /CPU (\d+)\n$/.exec(out);
    if (answer && cpuAnswer) {
      cpuAnswer(Number(answer[1]));
      cpuAnswer = undefined;
    }
  });
  const cpu = () =>
    new Promise<number>((resolve) => {
      cpuAnswer = resolve;
      child.stdin.write('cpu\n');
    });
  for (let i = 0; i < 300 && !/READY \d+/.test(out); i++)
    await new Promise((r) => setTimeout(r, 50));
  const match = /READY (\d+)/.exec(out);
  if (!match) throw new Error(`server ${kind} did not start`);
  return { child, port: Number(match[1]), output: () => out, cpu };
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

/** Task ids handed out so far: every request of the run asks about 10 tasks never seen before. */
let lastTaskId = 0;

/** The same request for 10 tasks no request asked about before. */
function freshTasks(): Partial<autocannon.Options> {
  const template = JSON.parse(body) as { tasks: { id: number }[] };
  return {
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          for (const t of template.tasks) t.id = ++lastTaskId;
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
 * Recording against none. Each of `BENCH_ROUNDS` (default 20) rounds starts a fresh server per
 * kind, warms them up, then gives each one `BENCH_BURST_S` (default 2 s) burst in turn, the
 * order reversed every other round so a drift of the machine's speed hits all alike. Two
 * processes of the very same server differ by up to ±5% in speed for their whole life (how the
 * JIT and the heap happened to settle), and one server's speed varies by ±10% from one minute
 * to the next on a shared machine: both are larger than the difference measured. Fresh
 * processes every round and bursts seconds apart cancel them, so each figure is the median of
 * the per-round ratios against the server that records nothing (with its interquartile range).
 */
async function comparedWithOff(off: string, others: string[]): Promise<Compared[]> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const burst = Number(process.env.BENCH_BURST_S ?? 2);
  const kinds = [off, ...others];
  const runs: Measured[][] = kinds.map(() => []);
  const recorded: number[][] = others.map(() => []);
  const burstOf = async (server: Server, duration: number): Promise<Measured> => {
    const before = await server.cpu();
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}/predict`,
      connections: CONNECTIONS,
      duration,
      ...freshTasks(),
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      cpuUs: ((await server.cpu()) - before) / result.requests.total,
    };
  };
  for (let i = 0; i < rounds; i++) {
    const servers = await Promise.all(kinds.map((kind) => start(kind)));
    try {
      // Warm-up: JIT, caches, and the recording servers' logs filled to their bound.
      for (const server of servers) await burstOf(server, 1.5);
      const order = kinds.map((_, k) => k);
      if (i % 2 === 1) order.reverse();
      for (const k of order) runs[k]?.push(await burstOf(servers[k] as Server, burst));
      for (const [k, list] of recorded.entries())
        list.push(await recordedShare(servers[k + 1] as Server));
    } finally {
      for (const server of servers) server.child.kill('SIGTERM');
      await Promise.all(servers.map((server) => once(server.child, 'exit')));
    }
  }
  const offRuns = runs[0] ?? [];
  return others.map((kind, k) => {
    const own = runs[k + 1] ?? [];
    return {
      kind,
      off: medianOf(offRuns),
      measured: medianOf(own),
      throughput: quartiles(own.map((r, i) => r.rps / (offRuns[i]?.rps ?? NaN))),
      cpu: quartiles(own.map((r, i) => (offRuns[i]?.cpuUs ?? NaN) / r.cpuUs)),
      recorded: quartiles(recorded[k] ?? []).median,
    };
  });
}

/** What share of the predictions it answered the server recorded (its `/stats`). */
async function recordedShare(server: Server): Promise<number> {
  const project = (JSON.parse(body) as { project: string }).project.split('.')[0];
  const stats = (await (
    await fetch(`http://127.0.0.1:${server.port}/stats?project=${project}`)
  ).json()) as { versions: { predictions: number; unrecorded: number }[] };
  let recorded = 0;
  let unrecorded = 0;
  for (const v of stats.versions) {
    recorded += v.predictions;
    unrecorded += v.unrecorded;
  }
  return recorded / (recorded + unrecorded);
}

interface Compared {
  kind: string;
  off: Measured;
  measured: Measured;
  /** Per-round ratios: throughput ÷ off's, and off's CPU per request ÷ this one's (1 = no cost). */
  throughput: Quartiles;
  cpu: Quartiles;
  /** Share of the predictions answered that were recorded. */
  recorded: number;
}

interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

function quartiles(values: number[]): Quartiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))] ?? NaN;
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

function medianOf(xs: Measured[]): Measured {
  return {
    rps: quartiles(xs.map((x) => x.rps)).median,
    p99: quartiles(xs.map((x) => x.p99)).median,
    cpuUs: quartiles(xs.map((x) => x.cpuUs)).median,
  };
}

// Off, recording within its default time budget (1%), and recording every prediction.
const dev = await comparedWithOff('dummy-off', ['dummy', 'dummy-all']);
const redis =
  process.env.BENCH_REDIS === '1'
    ? await comparedWithOff('dummy-redis-off', ['dummy-redis', 'dummy-redis-all'])
    : [];
const names: Record<string, string> = {
  dummy: 'recording (budget 1%)',
  'dummy-all': 'recording every prediction',
};
for (const group of [dev, redis]) {
  const [first] = group;
  if (!first) continue;
  const mode = first.kind.includes('redis') ? 'production (Redis)' : 'dev (file log)';
  console.log(row(`${mode}, new tasks, recording off`, first.off));
  for (const c of group)
    console.log(row(`${mode}, ${names[c.kind.replace('-redis', '')] ?? c.kind}`, c.measured));
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
const range = (q: Quartiles) =>
  `${q.median.toFixed(3)} (loss ${((1 - q.median) * 100).toFixed(1)}%, middle half of rounds ${q.q1.toFixed(3)}–${q.q3.toFixed(3)})`;
const met = (q: Quartiles) => (1 - q.median <= 0.05 ? 'MET' : 'NOT MET');
for (const c of [...dev, ...redis]) {
  const mode = c.kind.includes('redis') ? 'production (Redis log)' : 'dev (file log)';
  console.log(
    `${mode}, ${names[c.kind.replace('-redis', '')] ?? c.kind} ÷ off, median of ${process.env.BENCH_ROUNDS ?? 20} rounds of fresh servers: ` +
      `throughput ${range(c.throughput)}, target loss ≤ 5% ${met(c.throughput)}; ` +
      `CPU per request ${range(c.cpu)} ${met(c.cpu)}; recorded ${(c.recorded * 100).toFixed(1)}% of predictions`,
  );
}
