import type { LabelStudioClient, LabeledTask, Task, TrainingEvent } from '@lsml/core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { annotationsWithLabelStudio } from './label-studio-pull.js';

const choice = (label: string, cancelled = false) => ({
  result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: [label] } }],
  was_cancelled: cancelled,
});

/** Stands in for Label Studio's API: only the two methods training uses. */
function labelStudioWith(tasks: Task[] | Error): LabelStudioClient {
  return {
    configured: () => true,
    labeledTasks: async function* () {
      await Promise.resolve();
      if (tasks instanceof Error) throw tasks;
      yield* tasks;
    },
  } as unknown as LabelStudioClient;
}

const received: LabeledTask[] = [
  { task: { id: 1, data: { text: 'old copy' } }, annotation: choice('A') },
  { task: { id: 2, data: { text: 'only here' } }, annotation: choice('B') },
];
const event = (action: string): TrainingEvent => ({ action, project: '5' });
const log = pino({ level: 'silent' });

describe('annotationsWithLabelStudio', () => {
  it('adds every labeled task Label Studio lists on START_TRAINING; its copy wins', async () => {
    const labelStudio = labelStudioWith([
      { id: 1, data: { text: 'new copy' }, annotations: [choice('A'), choice('B')] },
      { id: 3, data: { text: 'labeled before' }, annotations: [choice('A'), choice('B', true)] },
    ]);
    const items = await annotationsWithLabelStudio({
      annotations: received,
      event: event('START_TRAINING'),
      labelStudio,
      project: '5',
      log,
    });
    const summary = items.map((i) => [
      i.task.id,
      i.task.data.text,
      i.annotation.result[0]?.value.choices,
    ]);
    expect(summary).toEqual([
      [1, 'new copy', ['B']],
      [2, 'only here', ['B']],
      [3, 'labeled before', ['A']],
    ]);
  });

  it('uses only the received annotations on other events, or when the API fails', async () => {
    const base = { annotations: received, project: '5', log };
    expect(
      await annotationsWithLabelStudio({
        ...base,
        event: event('ANNOTATION_CREATED'),
        labelStudio: labelStudioWith([]),
      }),
    ).toBe(received);
    expect(
      await annotationsWithLabelStudio({
        ...base,
        event: event('START_TRAINING'),
        labelStudio: undefined,
      }),
    ).toBe(received);
    const failing = await annotationsWithLabelStudio({
      ...base,
      event: event('START_TRAINING'),
      labelStudio: labelStudioWith(new Error('401')),
    });
    expect(failing).toEqual(received);
  });
});
