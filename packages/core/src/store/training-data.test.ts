import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService } from '../../test/helpers.js';
import { FileTrainingData } from './file-training-data.js';
import { jsonLine } from './training-snapshot.js';

/** Dev-mode training data as the webhook route fills it, then read back after a restart. */
let current: ReturnType<typeof testService> | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const annotation = (id: number, task: number, label: string) => ({
  id,
  task,
  result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: [label] } }],
});
const task = (id: number) => ({ id, data: { text: `text ${id}` } });
const labels = (items: { annotation: { result?: unknown } }[]) =>
  items.map((i) => JSON.stringify(i.annotation.result).match(/"choices":\["(\w+)"\]/)?.[1]);

function service() {
  current = testService(echoBackend(), { trainEvery: 1000 });
  return current;
}

/** What a fresh process reads from the same model dir. */
const restarted = (modelDir: string) => new FileTrainingData((p) => join(modelDir, p));

describe('FileTrainingData (dev mode)', () => {
  it('ANNOTATION_UPDATED replaces the task’s annotation, and a restart reads the newest', async () => {
    const s = service();
    for (const [action, label] of [
      ['ANNOTATION_CREATED', 'Positive'],
      ['ANNOTATION_UPDATED', 'Negative'],
    ] as const)
      await postJson(s.app, '/webhook', {
        action,
        project: { id: 5 },
        task: task(1),
        annotation: annotation(10, 1, label),
      });
    expect(labels(await s.runtime.trainingData.all('5'))).toEqual(['Negative']);
    expect(labels(await restarted(s.modelDir).all('5'))).toEqual(['Negative']);
  });

  it('bulk ANNOTATIONS_CREATED adds to the set, pairing each annotation with its task', async () => {
    const s = service();
    await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 6 },
      task: task(1),
      annotation: annotation(10, 1, 'Positive'),
    });
    await postJson(s.app, '/webhook', {
      action: 'ANNOTATIONS_CREATED',
      project: { id: 6 },
      task: [task(2), task(3)],
      annotation: [annotation(20, 2, 'Negative'), annotation(30, 3, 'Positive')],
    });
    const items = await restarted(s.modelDir).all('6');
    expect(items.map((i) => [i.task.id, i.task.data.text])).toEqual([
      [1, 'text 1'],
      [2, 'text 2'],
      [3, 'text 3'],
    ]);
    expect(await restarted(s.modelDir).count('6')).toBe(3);
  });

  it('persists removals and /train replacements across a restart', async () => {
    const s = service();
    const data = s.runtime.trainingData;
    await data.put(
      '7',
      [1, 2, 3].map((i) => ({ task: task(i), annotation: annotation(i, i, 'A') })),
    );
    await data.remove('7', [{ annotationId: 2 }, { taskId: 3 }]);
    expect((await restarted(s.modelDir).all('7')).map((i) => i.task.id)).toEqual([1]);
    await data.replace('7', [{ task: task(9), annotation: annotation(9, 9, 'B') }]);
    expect((await restarted(s.modelDir).all('7')).map((i) => i.task.id)).toEqual([9]);
    // The replacement is a new snapshot: the old entries are gone from disk, not just hidden.
    expect(lines(join(s.modelDir, '7', 'training-data.snapshot.jsonl'))).toHaveLength(2);
    expect(lines(join(s.modelDir, '7', 'training-data.jsonl'))).toEqual([
      '{"op":"begin","snapshot":1}',
    ]);
  });

  it('cuts a record torn by a crash before appending, so the next one survives a restart', async () => {
    const dir = freshDir();
    await restarted(dir).put('8', [example(1)]);
    const log = join(dir, '8', 'training-data.jsonl');
    const whole = statSync(log).size;
    appendFileSync(log, '{"op":"put","item":{"task"');
    const reopened = restarted(dir);
    await reopened.put('8', [example(2)]);
    expect((await restarted(dir).all('8')).map((i) => i.task.id)).toEqual([1, 2]);
    expect(readFileSync(log, 'utf8').includes('{"task"{')).toBe(false);
    expect(statSync(log).size).toBe(whole + jsonLine({ op: 'put', item: example(2) }).length);
  });

  it('reads a log of earlier versions (no header, a replace line, a line merged into a torn one)', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, '3'));
    const log = join(dir, '3', 'training-data.jsonl');
    writeFileSync(
      log,
      [
        JSON.stringify({ op: 'put', item: example(1) }),
        JSON.stringify({ op: 'replace', items: [example(2), example(3)] }),
        '{"op":"put","item":{"ta' + JSON.stringify({ op: 'put', item: example(4) }),
        JSON.stringify({ op: 'remove', annotationId: 3 }),
        '',
      ].join('\n'),
    );
    const store = restarted(dir);
    expect((await store.all('3')).map((i) => i.task.id)).toEqual([2]);
    await store.put('3', [example(5)]);
    expect((await restarted(dir).all('3')).map((i) => i.task.id)).toEqual([2, 5]);
  });

  it('ignores a log already compacted into the snapshot (a crash between the two writes)', async () => {
    const dir = freshDir();
    const store = restarted(dir);
    await store.put('4', [example(1), example(2)]);
    await store.remove('4', [{ annotationId: 1 }]);
    const log = join(dir, '4', 'training-data.jsonl');
    const before = readFileSync(log);
    await store.replace('4', [example(1)]);
    // The crash: the snapshot was renamed into place, the old log was not replaced yet.
    writeFileSync(log, before);
    const reopened = restarted(dir);
    expect((await reopened.all('4')).map((i) => i.task.id)).toEqual([1]);
    await reopened.put('4', [example(3)]);
    expect((await restarted(dir).all('4')).map((i) => i.task.id)).toEqual([1, 3]);
  });

  it('stays within twice the live set while one large task is updated again and again', async () => {
    const dir = freshDir();
    const compactAfterBytes = 64 * 1024;
    const store = new FileTrainingData((p) => join(dir, p), { compactAfterBytes });
    const big = (version: number) => ({
      task: { id: 1, data: { text: `${String(version)} ${'x'.repeat(200_000)}` } },
      annotation: annotation(100 + version, 1, 'A'),
    });
    await store.put('2', [example(2)]);
    let largest = 0;
    for (let version = 0; version < 40; version++) {
      await store.put('2', [big(version)]);
      // Queued behind the compaction the put may have started: the files are settled.
      await store.count('2');
      const live = JSON.stringify([big(version), example(2)]).length;
      const onDisk = projectBytes(join(dir, '2'));
      largest = Math.max(largest, onDisk);
      expect(onDisk).toBeLessThanOrEqual(2 * live + compactAfterBytes);
    }
    // 40 updates of 200 KB: 8 MB written, never more than ~2 versions' worth kept.
    expect(largest).toBeLessThan(700_000);
    const items = await restarted(dir).all('2');
    expect(items.map((i) => [i.task.id, i.annotation.id])).toEqual([
      [2, 2],
      [1, 139],
    ]);
  });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-training-'));
  dirs.push(dir);
  return dir;
}

const example = (i: number) => ({ task: task(i), annotation: annotation(i, i, 'A') });

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

const projectBytes = (dir: string) =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
