import { setTimeout as sleep } from 'node:timers/promises';
import { defineBackend } from '../../src/index.js';

/** What the e2e backend "learns": the size of its training set. */
export interface SlowModel {
  size: number;
  taskIds: string[];
  /** Pause between the two artifact files while saving. */
  savePauseMs: number;
}

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * The e2e test backend. The project state may hold `fit_ms` (default env `FIT_MS`, 0) and
 * `save_pause_ms` (a pause between the two artifact files, so a test can kill a worker with a
 * half-written version on disk): see `e2eDeployment().setTimings`.
 */
export const slowBackend = defineBackend<SlowModel>({
  name: 'slow',
  predict(tasks, { labelInterface }) {
    const control = labelInterface.findControl({ type: 'choices' });
    const label = control?.labels[0]?.value ?? 'Positive';
    return tasks.map(() => ({
      score: 0.5,
      result: [
        {
          from_name: control?.name ?? 'sentiment',
          to_name: control?.toName[0] ?? 'text',
          type: 'choices',
          value: { choices: [label] },
        },
      ],
    }));
  },
  async fit(ctx) {
    const { annotations, state } = ctx;
    const fitMs = num(await state.get('fit_ms'), Number(process.env.FIT_MS ?? 0));
    const steps = 10;
    for (let i = 1; i <= steps; i += 1) {
      await sleep(fitMs / steps);
      await ctx.progress(i / steps);
    }
    return {
      status: 'trained',
      model: {
        size: annotations.length,
        taskIds: annotations.map((a) => String(a.task.id)),
        savePauseMs: num(await state.get('save_pause_ms'), 0),
      },
      trainingSetSize: annotations.length,
    };
  },
  async save(model, artifacts) {
    await artifacts.writeJson('part-1.json', { size: model.size });
    if (model.savePauseMs > 0) await sleep(model.savePauseMs);
    await artifacts.writeJson('model.json', model);
  },
  load(artifacts) {
    return artifacts.readJson<SlowModel>('model.json');
  },
});
