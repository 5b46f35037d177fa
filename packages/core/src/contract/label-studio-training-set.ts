import type { FitContext } from './backend.js';
import { latestAnnotation } from './latest-annotation.js';
import type { LabeledTask } from './types.js';

/**
 * The training set for this run: `ctx.annotations` (what the backend received), plus, on
 * START_TRAINING when Label Studio's URL and token are known, every labeled task its API lists,
 * each with its {@link latestAnnotation}. So a backend connected to a project labeled before
 * it existed still learns from all of it. Label Studio's copy of a task wins over the one
 * received; if its API cannot be read, the run logs why and goes on with what was received.
 *
 * @example
 * async fit(ctx) {
 *   const examples = await trainingSetWithLabelStudio(ctx);
 *   …
 * }
 */
export async function trainingSetWithLabelStudio(
  ctx: Pick<FitContext<unknown>, 'annotations' | 'event' | 'labelStudio' | 'project' | 'log'>,
): Promise<LabeledTask[]> {
  const { labelStudio } = ctx;
  if (ctx.event.action !== 'START_TRAINING' || !labelStudio?.configured()) return ctx.annotations;
  const byTask = new Map<string, LabeledTask>();
  for (const item of ctx.annotations) byTask.set(String(item.task.id), item);
  try {
    let pulled = 0;
    for await (const task of labelStudio.labeledTasks(ctx.project)) {
      const annotation = latestAnnotation(task);
      if (!annotation) continue;
      byTask.set(String(task.id), { task, annotation });
      pulled++;
    }
    ctx.log.info({ pulled }, 'labeled tasks read from Label Studio for training');
  } catch (error) {
    ctx.log.warn(
      { err: error },
      'could not read labeled tasks from Label Studio; training on the annotations received',
    );
  }
  return [...byTask.values()];
}
