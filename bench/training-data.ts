/**
 * `pnpm bench:training-data`: dev-mode training data on this machine's disk (MODEL_DIR's, or
 * BENCH_DIR).
 * 1. The cost of fsync: annotations stored per second, one at a time as Label Studio sends
 *    them and 8 in flight, by the durable store (write + fdatasync before a put resolves) and
 *    by a baseline that appends without fsync (what lsml did before), measured in the same run;
 *    plus /webhook requests per second through the route (in-process) with the durable store.
 * 2. Compaction: UPDATES updates of one LARGE_MB task in a 2-task set (default 7 × 90 MB):
 *    the largest the files get, and the time to read the set back after a restart. Then the
 *    same updates as an earlier lsml wrote them (one log, never compacted: 630 MB, more than
 *    V8's longest string): the time to read it, and what it is compacted to.
 * Usage: node --conditions=source --import tsx bench/training-data.ts
 */
import { appendFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createService, defineBackend, FileTrainingData } from '../packages/core/src/index.js';

const ROOT = process.env.BENCH_DIR ?? process.env.MODEL_DIR ?? tmpdir();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LARGE_MB = Number(process.env.LARGE_MB ?? 90);
const UPDATES = Number(process.env.UPDATES ?? 7);

const example = (id: number, textBytes = 1000) => ({
  task: { id, data: { text: 'x'.repeat(textBytes) } },
  annotation: {
    id,
    task: id,
    result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: ['A'] } }],
  },
});
type Example = ReturnType<typeof example>;

/** The store before this change: appendFile per put, no fsync. */
function unsyncedAppend(dir: string) {
  return async (project: string, items: Example[]) => {
    await mkdir(join(dir, project), { recursive: true });
    const lines = items.map((item) => JSON.stringify({ op: 'put', item }) + '\n').join('');
    await appendFile(join(dir, project, 'training-data.jsonl'), lines);
  };
}

/** Puts per second over `SECONDS`, with `inFlight` puts outstanding at any time. */
async function rate(put: (id: number) => Promise<unknown>, inFlight: number): Promise<number> {
  let next = 0;
  const until = performance.now() + SECONDS * 1000;
  const lane = async () => {
    while (performance.now() < until) await put(next++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return next / ((performance.now() - started) / 1000);
}

async function filesBytes(dir: string): Promise<number> {
  let sum = 0;
  for (const name of await readdir(dir)) sum += (await stat(join(dir, name))).size;
  return sum;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function fsyncCost(dir: string): Promise<void> {
  console.log(`disk: ${dir}; ${String(SECONDS)} s per run, 1 KB annotations`);
  for (const inFlight of [1, 8]) {
    const durable = new FileTrainingData((p) => join(dir, 'durable', p));
    const unsynced = unsyncedAppend(join(dir, 'unsynced'));
    const fsynced = await rate(
      (id) => durable.put(`p${String(inFlight)}`, [example(id)]),
      inFlight,
    );
    const plain = await rate((id) => unsynced(`p${String(inFlight)}`, [example(id)]), inFlight);
    console.log(
      `${String(inFlight)} in flight: fsync ${fsynced.toFixed(0)}/s, no fsync ${plain.toFixed(0)}/s ` +
        `(ratio ${(plain / fsynced).toFixed(1)}×)`,
    );
  }
  const service = createService(
    defineBackend({
      name: 'bench',
      predict: () => [],
      fit: () => ({ status: 'skipped', reason: 'bench' }),
    }),
    { modelDir: join(dir, 'route'), logger: pino({ level: 'silent' }), trainEvery: 1e9 },
  );
  const body = (id: number) =>
    JSON.stringify({ action: 'ANNOTATION_CREATED', project: { id: 1 }, ...pair(example(id)) });
  const pair = ({ task, annotation }: Example) => ({ task, annotation });
  const perSecond = await rate(async (id) => {
    const response = await service.app.request('/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(id),
    });
    if (response.status !== 201) throw new Error(`webhook answered ${String(response.status)}`);
  }, 1);
  await service.close();
  console.log(`/webhook one at a time (in-process, fsync): ${perSecond.toFixed(0)}/s`);
}

async function compaction(dir: string): Promise<void> {
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const store = new FileTrainingData((p) => join(dir, p), { log });
  const project = join(dir, 'big');
  await store.put('big', [example(2)]);
  let largest = 0;
  const started = performance.now();
  for (let version = 0; version < UPDATES; version++) {
    await store.put('big', [example(1, LARGE_MB * 1e6 + version)]);
    // Before the compaction the put may have queued (the peak), and after it.
    largest = Math.max(largest, await filesBytes(project));
    await store.count('big');
    largest = Math.max(largest, await filesBytes(project));
  }
  const written = performance.now() - started;
  const compactions = logs
    .filter((l) => l.includes('compacted'))
    .map((l) => /compacted in (\d+) ms/.exec(l)?.[1]);
  const reading = performance.now();
  const items = await new FileTrainingData((p) => join(dir, p)).all('big');
  const read = performance.now() - reading;
  console.log(
    `${String(UPDATES)} updates of a ${String(LARGE_MB)} MB task: ${(written / 1000).toFixed(1)} s, ` +
      `files at most ${mb(largest)} (live set ${mb(LARGE_MB * 1e6)}), now ${mb(await filesBytes(project))}; ` +
      `${String(compactions.length)} compactions (${compactions.join(', ')} ms); ` +
      `read back in ${(read / 1000).toFixed(1)} s: ${String(items.length)} tasks`,
  );
}

async function legacyLog(dir: string): Promise<void> {
  const append = unsyncedAppend(dir);
  await append('old', [example(2)]);
  for (let version = 0; version < UPDATES; version++)
    await append('old', [example(1, LARGE_MB * 1e6 + version)]);
  const before = await filesBytes(join(dir, 'old'));
  const store = new FileTrainingData((p) => join(dir, p));
  const started = performance.now();
  const items = await store.all('old');
  const read = performance.now() - started;
  await store.count('old'); // behind the compaction the read queued
  const compacted = performance.now() - started - read;
  console.log(
    `a log of earlier versions, ${mb(before)}: read in ${(read / 1000).toFixed(1)} s ` +
      `(${String(items.length)} tasks), compacted to ${mb(await filesBytes(join(dir, 'old')))} ` +
      `in ${(compacted / 1000).toFixed(1)} s`,
  );
}

const dir = await mkdtemp(join(ROOT, 'lsml-bench-training-'));
try {
  await fsyncCost(dir);
  await compaction(dir);
  await legacyLog(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
