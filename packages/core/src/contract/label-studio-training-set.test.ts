import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import type { LabelStudioApi } from './label-studio-api.js';
import { trainingSetWithLabelStudio } from './label-studio-training-set.js';
import { latestAnnotation } from './latest-annotation.js';
import type { LabeledTask, Task, TrainingEvent } from './types.js';

const choice = (label: string, cancelled = false) => ({
  result: [{ from_name: 'c', to_name: 't', type: 'choices', value: { choices: [label] } }],
  was_cancelled: cancelled,
});

/** Label Studio's API as fit sees it, listing `tasks` (or failing with the error). */
function labelStudioWith(tasks: Task[] | Error): LabelStudioApi {
  return {
    configured: () => true,
    labelConfig: () => Promise.resolve('<View/>'),
    labeledTasks: async function* () {
      await Promise.resolve();
      if (tasks instanceof Error) throw tasks;
      yield* tasks;
    },
  };
}

const received: LabeledTask[] = [
  { task: { id: 1, data: { text: 'old copy' } }, annotation: choice('A') },
  { task: { id: 2, data: { text: 'only here' } }, annotation: choice('B') },
];
const event = (action: string): TrainingEvent => ({ action, project: '5' });
const log = createLogger('silent');

describe('trainingSetWithLabelStudio', () => {
  it('adds every labeled task Label Studio lists on START_TRAINING; its copy wins', async () => {
    const labelStudio = labelStudioWith([
      { id: 1, data: { text: 'new copy' }, annotations: [choice('A'), choice('B')] },
      { id: 3, data: { text: 'labeled before' }, annotations: [choice('A'), choice('B', true)] },
      { id: 4, data: { text: 'only skipped' }, annotations: [choice('A', true)] },
    ]);
    const items = await trainingSetWithLabelStudio({
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

  it('uses only the received annotations on other events, without the API, or when it fails', async () => {
    const base = { annotations: received, project: '5', log };
    expect(
      await trainingSetWithLabelStudio({
        ...base,
        event: event('ANNOTATION_CREATED'),
        labelStudio: labelStudioWith([{ id: 9, data: {}, annotations: [choice('A')] }]),
      }),
    ).toBe(received);
    expect(
      await trainingSetWithLabelStudio({
        ...base,
        event: event('START_TRAINING'),
        labelStudio: undefined,
      }),
    ).toBe(received);
    const failing = await trainingSetWithLabelStudio({
      ...base,
      event: event('START_TRAINING'),
      labelStudio: labelStudioWith(new Error('401')),
    });
    expect(failing).toEqual(received);
  });
});

describe('latestAnnotation', () => {
  it('is the newest annotation that was not cancelled and has a result list', () => {
    const newest = choice('C');
    expect(latestAnnotation({ annotations: [choice('A'), newest, choice('B', true)] })).toBe(
      newest,
    );
  });

  it('is undefined for a task with no usable annotation, whatever its JSON holds', () => {
    const junk = [null, 'x', { result: 'no list' }, choice('A', true)] as never;
    expect(latestAnnotation({ annotations: junk })).toBeUndefined();
    expect(latestAnnotation({})).toBeUndefined();
    expect(latestAnnotation({ annotations: {} as never })).toBeUndefined();
  });
});
