import type { FitContext, LabeledTask } from '@lsml/core';

/**
 * The training set for a START_TRAINING run: the annotations the backend received, plus every
 * labeled task that Label Studio's API lists when its URL and token are known (so a backend
 * connected to a project that was labeled before still learns from all of it). Label Studio's
 * copy of a task wins; if the API cannot be read, training goes on with what was received.
 */
export async function annotationsWithLabelStudio(
  ctx: Pick<FitContext<unknown>, 'annotations' | 'event' | 'labelStudio' | 'project' | 'log'>,
): Promise<LabeledTask[]> {
  const { labelStudio } = ctx;
  if (ctx.event.action !== 'START_TRAINING' || !labelStudio?.configured()) return ctx.annotations;
  const byTask = new Map<string, LabeledTask>();
  for (const item of ctx.annotations) byTask.set(String(item.task.id), item);
  try {
    let pulled = 0;
    for await (const task of labelStudio.labeledTasks(ctx.project)) {
      // The most recent answer that was not cancelled.
      const annotation = (task.annotations ?? []).filter((a) => a.was_cancelled !== true).at(-1);
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
