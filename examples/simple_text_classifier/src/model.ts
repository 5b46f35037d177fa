import { choices, defineBackend, type Prediction, type ProjectId } from '@lsml/core';
import { TextClassifier, trainInWorker } from '@lsml/text';
import { settingsFromEnv, type ClassifierSettings } from './options-from-env.js';
import { findTextChoices, requireTextChoices, taskText, type TextChoices } from './text-binding.js';
import { examplesPerLabel, trainingExamples } from './training-examples.js';
import { multiLabelScore, singleLabelScore } from './uncertainty.js';

/** A trained model and the control it answers. */
export interface TrainedTextModel {
  classifier: TextClassifier;
  /** The Choices control's `name` at training time. */
  control: string;
}

const MODEL_FILE = 'text-classifier.lsbc';
const META_FILE = 'meta.json';

/**
 * A text classifier that learns from annotations: TF-IDF over word n-grams and logistic
 * regression (softmax, or one-vs-rest for `choice="multiple"`), retrained on every annotation
 * so far. Settings come from the environment (`SCORE`, `NGRAM_RANGE`, `MIN_DF`, …).
 */
export function createTextClassifierBackend(settings: ClassifierSettings = settingsFromEnv()) {
  const coldProjects = new Set<ProjectId>();

  return defineBackend<TrainedTextModel>({
    name: 'simple_text_classifier',

    setup({ labelInterface }) {
      requireTextChoices(labelInterface);
    },

    async predict(tasks, ctx) {
      const binding = requireTextChoices(ctx.labelInterface);
      const model = ctx.model;
      if (model?.control !== binding.control.name) {
        if (!coldProjects.has(ctx.project)) {
          coldProjects.add(ctx.project);
          ctx.log.info(
            { project: ctx.project },
            'no trained model yet: predictions stay empty until annotations of two labels arrive',
          );
        }
        return tasks.map((): Prediction => ({ result: [], score: 0 }));
      }
      coldProjects.delete(ctx.project);
      const texts = await Promise.all(
        tasks.map((task) => taskText(task, binding.object, ctx.readData)),
      );
      const probabilities = model.classifier.predictProba(texts);
      const k = model.classifier.labels.length;
      return tasks.map((_, row) =>
        toPrediction(
          model.classifier,
          binding,
          probabilities.subarray(row * k, (row + 1) * k),
          settings,
        ),
      );
    },

    async fit(ctx) {
      const { labelInterface, log } = ctx;
      if (!labelInterface) {
        return {
          status: 'skipped',
          reason:
            'no label config known for this project yet (it comes with /setup, /predict or the webhook)',
        };
      }
      const binding = findTextChoices(labelInterface);
      if (!binding)
        return {
          status: 'skipped',
          reason: 'the label config has no Choices control on a Text object',
        };
      const examples = await trainingExamples(ctx, binding);
      const perLabel = examplesPerLabel(examples, binding.multiple);
      if (perLabel.size < 2) {
        const seen = [...perLabel].map(([label, n]) => `${label}: ${n}`).join(', ') || 'none';
        return {
          status: 'skipped',
          reason: `training needs annotated examples of at least two labels (so far: ${seen})`,
        };
      }
      const started = performance.now();
      const classifier = await trainInWorker(
        {
          examples,
          labels: binding.labels,
          options: { ...settings.model, mode: binding.multiple ? 'multiple' : 'single' },
        },
        ctx.signal,
      );
      const seconds = (performance.now() - started) / 1000;
      log.debug(
        { examples: examples.length, features: classifier.featureCount, seconds },
        'text classifier trained',
      );
      return {
        status: 'trained',
        model: { classifier, control: binding.control.name },
        trainingSetSize: examples.length,
        metrics: {
          features: classifier.featureCount,
          labels: classifier.labels.length,
          trainSeconds: seconds,
        },
      };
    },

    async save(model, artifacts) {
      await artifacts.writeBytes(MODEL_FILE, model.classifier.serialize());
      await artifacts.writeJson(META_FILE, { control: model.control });
    },

    async load(artifacts) {
      const { control } = await artifacts.readJson<{ control: string }>(META_FILE);
      return {
        classifier: TextClassifier.deserialize(await artifacts.readBytes(MODEL_FILE)),
        control,
      };
    },
  });
}

/**
 * One task's prediction. Only labels still in the config are answered (a label removed from
 * the config is dropped until the next training).
 */
function toPrediction(
  classifier: TextClassifier,
  binding: TextChoices,
  probabilities: Float64Array,
  settings: ClassifierSettings,
): Prediction {
  const labels = classifier.labels;
  const inConfig = (i: number) => binding.labels.includes(labels[i] as string);
  let chosen: number[];
  let score: number;
  if (classifier.mode === 'multiple') {
    chosen = labels
      .map((_, i) => i)
      .filter((i) => (probabilities[i] as number) > 0.5 && inConfig(i));
    score = multiLabelScore(probabilities, settings.score);
  } else {
    let best = -1;
    for (let i = 0; i < labels.length; i++) {
      if (
        inConfig(i) &&
        (best < 0 || (probabilities[i] as number) > (probabilities[best] as number))
      )
        best = i;
    }
    chosen = best < 0 ? [] : [best];
    score = singleLabelScore(probabilities, settings.score);
  }
  if (chosen.length === 0) return { result: [], score };
  const regionScore =
    chosen.reduce((sum, i) => sum + (probabilities[i] as number), 0) / chosen.length;
  return {
    score,
    result: [
      choices(
        binding.control,
        chosen.map((i) => labels[i] as string),
        { toName: binding.object.name, score: regionScore },
      ),
    ],
  };
}

export const simpleTextClassifier = createTextClassifierBackend();
export default simpleTextClassifier;
