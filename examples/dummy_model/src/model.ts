import { answerKeys, defineBackend, examplePrediction } from '@lsml/core';

/**
 * What the dummy learns: per control name, how many annotations chose each label. Labels are
 * counted by label key (the alias when the label has one), the form Label Studio stores.
 */
export interface DummyModel {
  counts: Record<string, Record<string, number>>;
}

/** The label annotators chose most often, per control. */
function favourites(model: DummyModel | undefined): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const [control, counts] of Object.entries(model?.counts ?? {})) {
    const [best] = Object.entries(counts).sort(([, a], [, b]) => b - a);
    if (best) chosen[control] = best[0];
  }
  return chosen;
}

/**
 * The dummy backend. `predict` answers every control of any label config with core's example
 * answers: plausible, in the shapes Label Studio's editor stores, the same for the same task.
 * `fit` counts the labels in the annotations; from then on each labeled control is answered
 * with its most frequent label, and every training makes a new model version.
 */
export const dummy = defineBackend<DummyModel>({
  name: 'dummy',

  predict(tasks, { labelInterface, model }) {
    const labels = favourites(model);
    return tasks.map((task) => examplePrediction(labelInterface, task, { labels }));
  },

  fit({ annotations, labelInterface }) {
    if (!labelInterface) return { status: 'skipped', reason: 'no label config known yet' };
    const counts: DummyModel['counts'] = {};
    for (const { annotation } of annotations) {
      for (const control of labelInterface.controls) {
        for (const key of answerKeys(annotation, control)) {
          const seen = (counts[control.name] ??= {});
          seen[key] = (seen[key] ?? 0) + 1;
        }
      }
    }
    return { status: 'trained', model: { counts }, trainingSetSize: annotations.length };
  },
});

export default dummy;
