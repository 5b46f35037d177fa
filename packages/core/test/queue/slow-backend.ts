import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { defineBackend } from '../../src/index.js';

/** What the e2e backend "learns": the size of its training set. */
export interface SlowModel {
  size: number;
  taskIds: string[];
  /** Pause between the two artifact files while saving. */
  savePauseMs: number;
  /** Gate between the two artifact files (see {@link passGate}). */
  saveGate?: string | undefined;
}

let gates: Redis | undefined;

/**
 * Blocks until the test opens the gate `key` (a Redis list: one LPUSH lets one run through),
 * after printing that it waits there, so a test acts while a run is held at a known point
 * instead of racing a pause. Nothing happens without a key.
 */
async function passGate(key: string | undefined, at: string): Promise<void> {
  if (key === undefined || key === '') return;
  gates ??= new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: null,
  });
  process.stdout.write(
    `${JSON.stringify({ msg: `slow backend: ${at}, waiting at gate`, gate: key })}\n`,
  );
  // Bounded, so a run whose test died does not hold a worker for ever.
  if ((await gates.blpop(key, 300)) === null) throw new Error(`gate ${key} never opened`);
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * The e2e test backend. The project state may hold `fit_ms` (default env `FIT_MS`, 0) and
 * `save_pause_ms` (a pause between the two artifact files, so a test can kill a worker with a
 * half-written version on disk), and gates `fit_gate` (before fit returns) and `save_gate`
 * (between the two files): see `e2eDeployment().setTimings` and `gate`.
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
    await passGate(text(await state.get('fit_gate')), 'fit done');
    return {
      status: 'trained',
      model: {
        size: annotations.length,
        taskIds: annotations.map((a) => String(a.task.id)),
        savePauseMs: num(await state.get('save_pause_ms'), 0),
        saveGate: text(await state.get('save_gate')),
      },
      trainingSetSize: annotations.length,
    };
  },
  async save(model, artifacts) {
    await artifacts.writeJson('part-1.json', { size: model.size });
    if (model.savePauseMs > 0) await sleep(model.savePauseMs);
    await passGate(model.saveGate, 'part-1.json written');
    await artifacts.writeJson('model.json', model);
  },
  load(artifacts) {
    return artifacts.readJson<SlowModel>('model.json');
  },
});
