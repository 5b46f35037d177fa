import { createLogger, type Task } from '@lsml/core';
import { describe, expect, it } from 'vitest';
import { readEachTask } from './read-each-task.js';

const log = createLogger('silent');
const tasks: Task[] = [1, 2, 3].map((id) => ({ id, data: { image: `img-${String(id)}` } }));
const readUnlessTwo = (task: Task) =>
  task.id === 2 ? Promise.reject(new Error('Task 2: broken')) : Promise.resolve(task.data.image);

describe('readEachTask', () => {
  it('leaves an unreadable task of a batch undefined and reads the others, in order', async () => {
    expect(await readEachTask(tasks, readUnlessTwo, { log, concurrency: 2 })).toEqual([
      'img-1',
      undefined,
      'img-3',
    ]);
  });

  it('throws the error of a task asked alone, so the person who opened it sees why', async () => {
    await expect(readEachTask([tasks[1]!], readUnlessTwo, { log })).rejects.toThrow(
      'Task 2: broken',
    );
  });

  it('fails the whole batch once the request is aborted', async () => {
    const controller = new AbortController();
    const read = (task: Task) => {
      controller.abort();
      return Promise.reject(new Error(`Task ${String(task.id)}: aborted`));
    };
    await expect(
      readEachTask(tasks, read, { log, signal: controller.signal, concurrency: 1 }),
    ).rejects.toThrow('Task 1: aborted');
  });
});
