import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService } from '../../test/helpers.js';
import { FileTrainingData } from './training-data.js';

/** Dev-mode training data as the webhook route fills it, then read back after a restart. */
let current: ReturnType<typeof testService> | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
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
    // The replacement rewrote the log: the old entries are gone from disk, not just hidden.
    expect(
      readFileSync(join(s.modelDir, '7', 'training-data.jsonl'), 'utf8').split('\n'),
    ).toHaveLength(2);
  });

  it('keeps everything before a line torn by a crash', async () => {
    const s = service();
    await s.runtime.trainingData.put('8', [{ task: task(1), annotation: annotation(1, 1, 'A') }]);
    appendFileSync(join(s.modelDir, '8', 'training-data.jsonl'), '{"op":"put","item":{"task"');
    expect((await restarted(s.modelDir).all('8')).map((i) => i.task.id)).toEqual([1]);
  });
});
