import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { writeExport } from './helpers/export-file.js';
import {
  CHOICES_ONLY_BACKEND,
  FLAKY_BACKEND,
  writeFixtureBackend,
} from './helpers/fixture-backend.js';
import { importShapeProblems } from './helpers/import-shape.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, SENTIMENT_XML } from './helpers/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-predict-'));
const config = join(temp, 'config.xml');
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});
beforeAll(() => {
  writeFileSync(config, SENTIMENT_XML);
});

const task = (id: number, text = `text ${id} with "quotes", [brackets] and {braces}`) => ({
  id,
  data: { text },
  annotations: [],
  predictions: [],
  created_at: '2024-01-01T00:00:00Z',
});

function predictArgs(backend: string, tasks: string, out: string, ...extra: string[]): string[] {
  const models = ['--model-dir', join(temp, 'models')];
  return [
    'predict',
    '--backend',
    backend,
    '--tasks',
    tasks,
    '--config',
    config,
    '--out',
    out,
    ...models,
    ...extra,
  ];
}

const readOutput = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown[];

describe('lsml predict', () => {
  it('labels a JSON export in batches, in order, in the shape Label Studio imports', async () => {
    const tasks = join(temp, 'tasks.json');
    await writeExport(
      tasks,
      Array.from({ length: 1000 }, (_, i) => task(i + 1)),
    );
    const out = join(temp, 'out.json');
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(dummyDir, tasks, out, '--batch', '64'), io)).toBe(0);
    const output = readOutput(out) as { data: { text: string }; predictions: unknown[] }[];
    expect(output).toHaveLength(1000);
    expect(output[41]?.data.text).toBe(task(42).data.text);
    expect(importShapeProblems(output, SENTIMENT_XML)).toEqual([]);
    // Export-only fields do not travel into the import file.
    expect(Object.keys(output[0] ?? {})).toEqual(['data', 'predictions']);
    expect(io.err()).toMatch(/^predict: \d+% [\d,]+ tasks, [\d,.]+\/s, 0 failed, ETA \d+:\d\d$/m);
    expect(io.err()).toMatch(
      /done: 1,000 tasks in [\d.]+s \([\d,.]+ tasks\/s\), 1,000 labeled, 0 failed, model dummy-v0 → out\.json/,
    );
  });

  it('reads JSONL and flat import files (data without a wrapper, no ids)', async () => {
    const tasks = join(temp, 'flat.jsonl');
    await writeExport(tasks, [{ text: 'a' }, { text: 'b' }, { text: 'c' }], 'jsonl');
    const out = join(temp, 'flat-out.json');
    expect(await run(predictArgs(dummyDir, tasks, out), memoryIo({ cwd: temp }))).toBe(0);
    const output = readOutput(out) as { data: unknown }[];
    expect(output.map((t) => t.data)).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    expect(importShapeProblems(output, SENTIMENT_XML)).toEqual([]);
  });

  it('reports a failing task by id, skips it, and labels the rest of its batch', async () => {
    const backend = writeFixtureBackend(join(temp, 'flaky'), FLAKY_BACKEND);
    const tasks = join(temp, 'with-boom.json');
    await writeExport(tasks, [
      task(1),
      task(2, 'boom'),
      task(3),
      task(4),
      task(5, 'boom'),
      task(6),
    ]);
    const out = join(temp, 'boom-out.json');
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(backend, tasks, out, '--batch', '4'), io)).toBe(0);
    expect(io.err()).toContain('task 2 failed: cannot label task 2\n');
    expect(io.err()).toContain('task 5 failed: cannot label task 5\n');
    expect(io.err()).toMatch(/done: 6 tasks .* 4 labeled, 2 failed/);
    const output = readOutput(out) as { data: { text: string } }[];
    expect(output.map((t) => t.data.text)).toEqual([1, 3, 4, 6].map((id) => task(id).data.text));
  });

  it('fails with exit 1 when no task could be labeled', async () => {
    const backend = writeFixtureBackend(join(temp, 'flaky-all'), FLAKY_BACKEND);
    const tasks = join(temp, 'all-boom.json');
    await writeExport(tasks, [task(1, 'boom'), task(2, 'boom')]);
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(backend, tasks, join(temp, 'none.json')), io)).toBe(1);
    expect(io.err()).toMatch(/lsml: None of the 2 tasks could be labeled\n {2}hint: /);
    expect(readOutput(join(temp, 'none.json'))).toEqual([]);
  });

  it('gives up after 50 failures in a row when nothing was labeled', async () => {
    const backend = writeFixtureBackend(join(temp, 'flaky-many'), FLAKY_BACKEND);
    const tasks = join(temp, 'many-boom.json');
    await writeExport(
      tasks,
      Array.from({ length: 1000 }, (_, i) => task(i + 1, 'boom')),
    );
    const out = join(temp, 'many-none.json');
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(backend, tasks, out, '--batch', '64'), io)).toBe(1);
    expect(io.err()).toContain('task 1 failed: cannot label task 1\n');
    expect(io.err()).toMatch(/done: 50 tasks .* 0 labeled, 50 failed/);
    expect(io.err()).toMatch(
      /lsml: Stopped: the first 50 tasks all failed, none was labeled\n {2}hint: /,
    );
    expect(readOutput(out)).toEqual([]);
  });

  it('keeps going past 50 failures once a task was labeled', async () => {
    const backend = writeFixtureBackend(join(temp, 'flaky-late'), FLAKY_BACKEND);
    const tasks = join(temp, 'late-boom.json');
    await writeExport(tasks, [
      task(1),
      ...Array.from({ length: 80 }, (_, i) => task(i + 2, 'boom')),
      task(82),
    ]);
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(backend, tasks, join(temp, 'late-out.json')), io)).toBe(0);
    expect(io.err()).toMatch(/done: 82 tasks .* 2 labeled, 80 failed/);
  });

  it('rejects a malformed --config at once, before any task', async () => {
    const broken = join(temp, 'broken.xml');
    writeFileSync(broken, SENTIMENT_XML.replace('</Choices>', ''));
    const tasks = join(temp, 'for-broken-config.json');
    await writeExport(
      tasks,
      Array.from({ length: 200 }, (_, i) => task(i + 1)),
    );
    const out = join(temp, 'broken-config-out.json');
    const io = memoryIo({ cwd: temp });
    const args = predictArgs(dummyDir, tasks, out);
    args[args.indexOf(config)] = 'broken.xml';
    expect(await run(args, io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: broken\.xml: Invalid label config: .+\n {2}hint: fix it, or copy it again from Label Studio/,
    );
    expect(io.err().split('\n')).toHaveLength(3);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a --config the backend cannot use, with its reason, before any task', async () => {
    const noLabels = join(temp, 'no-labels.xml');
    writeFileSync(noLabels, '<View><Text name="text" value="$text"/></View>');
    const tasks = join(temp, 'for-no-labels.json');
    await writeExport(tasks, [task(1), task(2)]);
    const io = memoryIo({ cwd: temp });
    const backend = writeFixtureBackend(join(temp, 'choices-only'), CHOICES_ONLY_BACKEND);
    const args = predictArgs(backend, tasks, join(temp, 'no-labels-out.json'));
    args[args.indexOf(config)] = noLabels;
    expect(await run(args, io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: The backend rejects the label config of .*no-labels\.xml: choices-only needs a <Choices> control\n {2}hint: /,
    );
    expect(io.err()).not.toContain('failed:');
  });

  it('stops at once when the tasks have none of the data keys the config reads', async () => {
    const tasks = join(temp, 'other-keys.json');
    await writeExport(
      tasks,
      Array.from({ length: 200 }, (_, i) => ({ id: i + 1, data: { body: 'x', title: 'y' } })),
    );
    const out = join(temp, 'other-keys-out.json');
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(dummyDir, tasks, out), io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: Task 1 has none of the data keys the label config reads: it reads \$text, the task has body, title\n {2}hint: give the --config of the project/m,
    );
    expect(io.err()).not.toContain('failed:');
    expect(readOutput(out)).toEqual([]);
  });

  it('draws a progress bar with rate and ETA on a terminal', async () => {
    const tasks = join(temp, 'tty.json');
    await writeExport(
      tasks,
      Array.from({ length: 300 }, (_, i) => task(i + 1)),
    );
    const io = memoryIo({ cwd: temp, tty: true });
    expect(
      await run(predictArgs(dummyDir, tasks, join(temp, 'tty-out.json'), '--batch', '10'), io),
    ).toBe(0);
    // Each frame returns the cursor and clears the line (ESC [2K) before drawing.
    expect(io.err()).toContain('\r\u001b[2Kpredict [');
    expect(io.err()).toMatch(/predict \[#+\.*\] +\d+% +[\d,]+ tasks +[\d,.]+\/s +ETA \d+:\d\d/);
    expect(io.err()).toMatch(/predict \[#{24}\] 100% {2}300 tasks/);
  });

  it('stops on unreadable JSON with its line and column, leaving a valid shorter output', async () => {
    const tasks = join(temp, 'broken.json');
    writeFileSync(tasks, `[\n${JSON.stringify(task(1))},\n{"id": 2, "data": {"text": "x"}\n]`);
    const out = join(temp, 'broken-out.json');
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(dummyDir, tasks, out), io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: Unreadable JSON in .*broken\.json at line 4, column 1: unexpected "]" where "}" was expected\n {2}hint: export the project again/m,
    );
    expect(Array.isArray(readOutput(out))).toBe(true);
  });

  it('asks for --config when the project has no stored label config', async () => {
    const tasks = join(temp, 'tiny.json');
    await writeExport(tasks, [task(1)]);
    const io = memoryIo({ cwd: temp });
    const args = [
      'predict',
      '--backend',
      dummyDir,
      '--tasks',
      tasks,
      '--project',
      '4242',
      '--model-dir',
      join(temp, 'empty-models'),
    ];
    expect(await run(args, io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: No label config for project 4242\n {2}hint: pass --config config\.xml/,
    );
  });

  it('names a missing export file', async () => {
    const io = memoryIo({ cwd: temp });
    expect(await run(predictArgs(dummyDir, 'nope.json', 'x.json'), io)).toBe(1);
    expect(io.err()).toMatch(/^lsml: Cannot read .*nope\.json: ENOENT\n {2}hint: /);
  });
});
