import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LsmlError } from '../errors/index.js';
import { predictEachTask } from './predict-each-task.js';

const log = pino({ level: 'silent' });
const tasks = [
  { id: 1, data: {} },
  { id: 2, data: {} },
  { id: 3, data: {} },
];

describe('predictEachTask', () => {
  it('keeps order and leaves a failed task with an empty prediction', async () => {
    const out = await predictEachTask(tasks, { log, concurrency: 2 }, async (task) => {
      await new Promise((r) => setTimeout(r, task.id === 1 ? 20 : 1));
      if (task.id === 2) throw new Error('unreadable audio');
      return { result: [], score: Number(task.id) };
    });
    expect(out).toEqual([{ result: [], score: 1 }, { result: [] }, { result: [], score: 3 }]);
  });

  it('throws the error naming the task when it is the only task, keeping its code', async () => {
    const only = predictEachTask([tasks[0]!], { log, concurrency: 1 }, () =>
      Promise.reject(new LsmlError('DATA_NOT_FOUND', 'GET http://x/a.wav answered 404')),
    );
    await expect(only).rejects.toMatchObject({
      code: 'DATA_NOT_FOUND',
      status: 404,
      message: 'Task 1: GET http://x/a.wav answered 404',
    });
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    let running = 0;
    let peak = 0;
    await predictEachTask(
      Array.from({ length: 10 }, (_, i) => ({ id: i, data: {} })),
      { log, concurrency: 3 },
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running -= 1;
        return { result: [] };
      },
    );
    expect(peak).toBe(3);
  });
});
