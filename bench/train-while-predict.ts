/**
 * `pnpm bench:train-while-predict`: /predict p99 latency while idle and while a model trains,
 * and their ratio (target ≤ 1.5). Production layout when Redis answers (API process + worker
 * process + Redis, as deployed; LSML_MODE=dev forces dev), else dev mode (inline trainer in the
 * API process). The fit burns CPU for FIT_SECONDS (default 4) in 2 ms slices, like a training loop
 * that yields. One continuous closed-loop load (8 connections); idle is measured BENCH_SECONDS
 * (default 4) split before and after training, so drift in the machine's load cancels out.
 * Loopback only; every wait is bounded (about 15 s in all).
 * Usage: node --conditions=source --import tsx bench/train-while-predict.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Agent, request } from 'node:http';
import { connectRedis, defineBackend, runWorker, serve, type JobInfo } from '@lsml/core';
import { SENTIMENT_CONFIG, lsTask } from '@lsml/testing';
import { dummy, type DummyModel } from 'dummy';
import { createConnection } from 'node:net';
import { pino } from 'pino';

/** Idle measuring time, half before and half after training. */
const MEASURE_S = Number(process.env.BENCH_SECONDS ?? 4);
const FIT_S = Number(process.env.FIT_SECONDS ?? 4);
const CONNECTIONS = 8;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Phase = 'warmup' | 'idle' | 'training' | 'between';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A JSON POST on a keep-alive connection; resolves with the status once the body is read. */
function postStatus(url: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.once('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.once('error', reject);
    req.end(data);
  });
}

function summary(latencies: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

/** The dummy with a CPU-bound fit that yields to the event loop every 2 ms. */
const busyDummy = defineBackend<DummyModel>({
  ...dummy,
  async fit(ctx) {
    const until = Date.now() + FIT_S * 1000;
    let x = 0;
    let reported = 0;
    while (Date.now() < until) {
      const slice = Date.now() + 2;
      while (Date.now() < slice) x = (x * 1103515245 + 12345) % 2147483648;
      await yieldToLoop();
      if (Date.now() - reported > 250) {
        reported = Date.now();
        await ctx.progress(1 - (until - Date.now()) / (FIT_S * 1000));
      }
    }
    return {
      status: 'trained',
      model: { counts: { busy: { [String(x % 2)]: 1 } } },
      trainingSetSize: 0,
    };
  },
});

const role = process.argv[2];
if (role === 'api') {
  const running = await serve(busyDummy, {
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'warn' }),
  });
  process.stdout.write(`READY ${running.port}\n`);
} else if (role === 'worker') {
  await runWorker(busyDummy, { logger: pino({ level: 'warn' }) });
  process.stdout.write('READY 0\n');
} else {
  await main();
}

/** One raw PING on loopback, bounded to 500 ms. */
async function redisAnswers(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => {
      done(false);
    });
    socket.once('error', () => {
      done(false);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      done(data.toString().startsWith('+PONG'));
    });
  });
}

async function start(which: 'api' | 'worker', env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), which],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (let i = 0; i < 300 && !/READY \d+/.test(out); i++)
    await new Promise((r) => setTimeout(r, 50));
  const match = /READY (\d+)/.exec(out);
  if (!match) throw new Error(`${which} did not start`);
  return { child, port: Number(match[1]) };
}

async function main(): Promise<void> {
  const production = process.env.LSML_MODE !== 'dev' && (await redisAnswers());
  const prefix = `lsml-bench-${randomBytes(4).toString('hex')}`;
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-bench-'));
  const env: Record<string, string> = {
    MODEL_DIR: modelDir,
    LSML_MODE: production ? 'production' : 'dev',
    REDIS_URL,
    LSML_QUEUE_PREFIX: prefix,
  };
  const children: ChildProcess[] = [];
  try {
    const api = await start('api', env);
    children.push(api.child);
    if (production) {
      const worker = await start('worker', env);
      children.push(worker.child);
      // Sharing a machine with the API, training runs at the lowest CPU priority: predictions
      // first (on their own hosts workers need no such thing).
      if (worker.child.pid !== undefined) setPriority(worker.child.pid, 19);
    }
    const base = `http://127.0.0.1:${api.port}`;
    const body = JSON.stringify({
      tasks: Array.from({ length: 10 }, (_, i) => lsTask(1000 + i, { text: `review ${i}` })),
      project: '1.1700000000',
      label_config: SENTIMENT_CONFIG,
    });
    // One continuous load; each answer is filed under the phase it was sent in. Idle is
    // measured before and after training, so drift in the machine's load cancels out.
    const samples: Record<Phase, number[]> = { warmup: [], idle: [], training: [], between: [] };
    let phase: Phase = 'warmup';
    let stop = false;
    let failures = 0;
    const loop = async () => {
      while (!stop) {
        const sentIn = phase;
        const t = performance.now();
        const status = await postStatus(`${base}/predict`, body);
        if (status !== 200) failures += 1;
        samples[sentIn].push(performance.now() - t);
      }
    };
    const loops = Array.from({ length: CONNECTIONS }, loop);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(1000);
    phase = 'idle';
    await sleep((MEASURE_S * 1000) / 2);
    phase = 'between';
    const started = await fetch(`${base}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'START_TRAINING', project: { id: 1 } }),
    });
    const { job } = (await started.json()) as { job: string };
    const jobState = async () =>
      ((await (await fetch(`${base}/jobs/${job}`)).json()) as JobInfo).state;
    for (let i = 0; i < 100 && (await jobState()) !== 'active'; i++) await sleep(50);
    phase = 'training';
    for (let i = 0; i < 400 && (await jobState()) === 'active'; i++) await sleep(50);
    phase = 'between';
    await sleep(300); // let the new version load
    phase = 'idle';
    await sleep((MEASURE_S * 1000) / 2);
    stop = true;
    await Promise.all(loops);
    const version = (await (
      await fetch(`${base}/predict`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as { model_version: string };

    if (failures > 0) throw new Error(`${failures} /predict answers were not 200`);
    const idle = summary(samples.idle);
    const during = summary(samples.training);
    const ratio = during.p99 / Math.max(idle.p99, 0.1);
    console.log(
      `mode ${production ? 'production (API + worker process at nice 19 + Redis)' : 'dev (inline trainer in the API process)'}, loopback, ${CONNECTIONS} connections, fit ${FIT_S} s of CPU`,
    );
    console.log(
      `idle (before + after): p99 ${idle.p99.toFixed(1)} ms, p50 ${idle.p50.toFixed(1)} ms, ${idle.n} requests`,
    );
    console.log(
      `while training:        p99 ${during.p99.toFixed(1)} ms, p50 ${during.p50.toFixed(1)} ms, ${during.n} requests`,
    );
    console.log(
      `ratio p99 training / idle: ${ratio.toFixed(2)} (target ≤ 1.50) ${ratio <= 1.5 ? 'MET' : 'NOT MET'}; after training /predict answers ${version.model_version}`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (production) {
      const redis = connectRedis({ url: REDIS_URL }, 'worker');
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    rmSync(modelDir, { recursive: true, force: true });
  }
}
