import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPrediction, parseLabelConfig, type RegionResult } from '@lsml/core';
import { fakeLabelStudio, type FakeLabelStudio } from '@lsml/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { FLAKY_BACKEND, writeFixtureBackend } from './helpers/fixture-backend.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, SENTIMENT_XML } from './helpers/paths.js';
import { serveDummy } from './helpers/serve-dummy.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-prelabel-'));
const fakes: FakeLabelStudio[] = [];
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function labelStudio(
  ...projects: Parameters<FakeLabelStudio['addProject']>[0][]
): Promise<FakeLabelStudio> {
  const fake = await fakeLabelStudio({ projects });
  fakes.push(fake);
  return fake;
}

const projectArgs = (ls: FakeLabelStudio, key: string, project: number, ...rest: string[]) => [
  'predict',
  '--label-studio',
  ls.url,
  '--api-key',
  key,
  '--project',
  String(project),
  ...rest,
];

/** How many predictions of `version` each task 1..count holds. */
const perTask = (ls: FakeLabelStudio, count: number, version: string, first = 1) =>
  Array.from(
    { length: count },
    (_, i) => ls.predictions(first + i).filter((p) => p.model_version === version).length,
  );

describe('lsml predict on a Label Studio project', () => {
  it('pre-labels 5,000 tasks through 429s and 5xx, interrupted and resumed: each task once, none missed', async () => {
    const ls = await fakeLabelStudio({
      projects: [
        { id: 3, labelConfig: SENTIMENT_XML, tasks: 5000, data: (i) => ({ text: `review ${i}` }) },
      ],
      // Every 7th API request is throttled, every 11th fails with 502/503/500, and every 5th
      // import is stored before its 500 (the answer a client must not take for "not stored").
      faults: { tooManyEvery: 7, serverErrorEvery: 11, failAfterCommitEvery: 5 },
    });
    fakes.push(ls);
    const args = projectArgs(
      ls,
      ls.tokens.personal,
      3,
      '--backend',
      dummyDir,
      '--model-dir',
      join(temp, 'models-5k'),
    );

    const first = memoryIo({ cwd: temp });
    void ls.storedAtLeast(2000).then(() => {
      first.interrupt(); // Ctrl-C once 2,000 predictions are in
    });
    expect(await run(args, first)).toBe(130);
    const afterFirst = ls.stored;
    // It stops after the batches in flight: at most 2 of 64 tasks.
    expect(afterFirst).toBeGreaterThanOrEqual(2000);
    expect(afterFirst).toBeLessThanOrEqual(2000 + 2 * 64);
    expect(first.err()).toMatch(
      /^interrupted: [\d,]+ tasks .* \(run the same command again to resume\)$/m,
    );

    const second = memoryIo({ cwd: temp });
    expect(await run(args, second)).toBe(0);
    expect(second.err()).toContain(`${afterFirst.toLocaleString('en-US')} already had dummy-v0`);
    expect(second.err()).toMatch(
      new RegExp(
        `^done: 5,000 tasks .*: ${(5000 - afterFirst).toLocaleString('en-US')} predicted and stored, .*, 0 failed`,
        'm',
      ),
    );

    expect(perTask(ls, 5000, 'dummy-v0').every((n) => n === 1)).toBe(true);
    expect(ls.stored).toBe(5000);
    // The trouble did happen: throttling, server errors on reads and imports, imports stored before a 500.
    expect(ls.faults.answered.get(429)).toBeGreaterThan(0);
    expect(ls.faults.answered.get(502)).toBeGreaterThan(0);
    expect(ls.faults.answered.get(500)).toBeGreaterThan(0);
    expect(ls.faults.imports).toBeGreaterThan(5);
    // Access tokens were exchanged for the personal access token; it never travelled as a header.
    expect(ls.tokens.refreshes).toBeGreaterThan(0);
    expect(ls.seen.some((s) => s.authorization?.includes(ls.tokens.personal) === true)).toBe(false);
    // What was stored is what Label Studio reads.
    const li = parseLabelConfig(SENTIMENT_XML);
    for (const id of [1, 2500, 5000]) {
      const [prediction] = ls.predictions(id);
      expect(checkPrediction({ result: prediction?.result as RegionResult[] }, li)).toEqual([]);
    }
  });

  it('predicts through a running backend at --url with basic auth, one by one on a Label Studio without bulk import', async () => {
    const ls = await fakeLabelStudio({
      bulkPredictions: false,
      projects: [{ id: 4, labelConfig: SENTIMENT_XML, tasks: 150 }],
    });
    fakes.push(ls);
    // Task 1 already holds this version: skipped. Task 2 holds an older one: predicted again.
    const project = ls.project(4);
    project.addPrediction({
      id: 1,
      task: 1,
      project: 4,
      result: [],
      score: null,
      model_version: 'dummy-v0',
    });
    project.addPrediction({
      id: 2,
      task: 2,
      project: 4,
      result: [],
      score: null,
      model_version: 'old',
    });
    const server = await serveDummy(temp, { basicAuth: { user: 'ls', pass: 'secret' } });
    try {
      const { url } = server;
      const io = memoryIo({ cwd: temp });
      const args = projectArgs(
        ls,
        ls.tokens.legacy,
        4,
        '--url',
        url,
        '--basic-auth-user',
        'ls',
        '--basic-auth-pass',
        'secret',
        '--batch',
        '32',
      );
      expect(await run(args, io)).toBe(0);
      expect(io.err()).toMatch(
        /done: 150 tasks .*: 149 predicted and stored, 1 already had dummy-v0, 0 failed/,
      );
      expect(perTask(ls, 150, 'dummy-v0').every((n) => n === 1)).toBe(true);
      expect(ls.predictions(2).map((p) => p.model_version)).toEqual(['old', 'dummy-v0']);
      expect(ls.seen.filter((s) => s.path === '/api/predictions/')).toHaveLength(149);
      // Without the credentials the backend refuses /setup, and the run says so before any task.
      const refused = memoryIo({ cwd: temp });
      expect(await run(projectArgs(ls, ls.tokens.legacy, 4, '--url', url), refused)).toBe(1);
      expect(refused.err()).toMatch(
        /lsml: The backend rejects the label config of project 4: HTTP 401/,
      );
    } finally {
      await server.shutdown();
    }
  });

  it('counts and reports the tasks a backend cannot label, and goes on', async () => {
    const backend = writeFixtureBackend(join(temp, 'flaky'), FLAKY_BACKEND);
    const ls = await labelStudio({
      id: 5,
      labelConfig: SENTIMENT_XML,
      tasks: 40,
      data: (i) => ({ text: i % 10 === 3 ? 'boom' : `text ${i}` }),
    });
    const io = memoryIo({ cwd: temp });
    expect(
      await run(projectArgs(ls, ls.tokens.legacy, 5, '--backend', backend, '--batch', '8'), io),
    ).toBe(0);
    expect(io.err()).toContain('task 4 failed: cannot label task 4\n');
    expect(io.err()).toMatch(
      /done: 40 tasks .*: 36 predicted and stored, 0 already had flaky-v0, 4 failed/,
    );
    expect(perTask(ls, 40, 'flaky-v0').filter((n) => n === 1)).toHaveLength(36);
  });

  it('writes the predictions to a file on --dry-run and stores nothing', async () => {
    const ls = await labelStudio({ id: 6, labelConfig: SENTIMENT_XML, tasks: 70 });
    const out = join(temp, 'dry.json');
    const io = memoryIo({ cwd: temp });
    const args = projectArgs(
      ls,
      ls.tokens.legacy,
      6,
      '--backend',
      dummyDir,
      '--dry-run',
      '--out',
      out,
      '--model-dir',
      join(temp, 'models-dry'),
    );
    expect(await run(args, io)).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      task: number;
      model_version: string;
    }[];
    expect(written.map((p) => p.task)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(new Set(written.map((p) => p.model_version))).toEqual(new Set(['dummy-v0']));
    expect(ls.stored).toBe(0);
    expect(io.err()).toMatch(
      /done: 70 tasks .*: 70 predicted, 0 already had dummy-v0, 0 failed → dry\.json/,
    );
  });

  it('draws done/total with rate and ETA on a terminal', async () => {
    const ls = await labelStudio({ id: 7, labelConfig: SENTIMENT_XML, tasks: 300 });
    const io = memoryIo({ cwd: temp, tty: true });
    expect(
      await run(
        projectArgs(
          ls,
          ls.tokens.legacy,
          7,
          '--backend',
          dummyDir,
          '--model-dir',
          join(temp, 'models-tty'),
        ),
        io,
      ),
    ).toBe(0);
    expect(io.err()).toMatch(/predict \[#+\] 100% {2}300\/300 tasks {2}[\d,.]+\/s {2}ETA 0:00/);
  });

  it('explains a missing project, token or backend before doing anything', async () => {
    const ls = await labelStudio({ id: 8, labelConfig: SENTIMENT_XML, tasks: 1 });
    const cases: [string[], RegExp][] = [
      [['predict', '--backend', dummyDir], /Missing --label-studio \(or LABEL_STUDIO_URL\)/],
      [projectArgs(ls, ls.tokens.legacy, 8).slice(0, -2), /Missing --project/],
      [projectArgs(ls, ls.tokens.legacy, 8), /Missing --backend or --url/],
      [
        projectArgs(ls, ls.tokens.legacy, 8, '--backend', dummyDir, '--url', 'http://x'),
        /not both/,
      ],
      [
        projectArgs(ls, 'wrong', 8, '--backend', dummyDir),
        /Cannot read project 8 from .*: .*answered 401: check LABEL_STUDIO_API_KEY/,
      ],
      [
        projectArgs(ls, ls.tokens.legacy, 99, '--backend', dummyDir),
        /Cannot read project 99 .*404/,
      ],
      [
        [...projectArgs(ls, ls.tokens.legacy, 8, '--backend', dummyDir), '--tasks', 'x.json'],
        /--tasks labels a file offline/,
      ],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo({ cwd: temp });
      expect(await run(args, io), args.join(' ')).toBe(1);
      expect(io.err(), args.join(' ')).toMatch(message);
    }
    expect(ls.stored).toBe(0);
  });
});
