import {
  createLogger,
  defineBackend,
  type Backend,
  type Logger,
  type Prediction,
  scoreFromProbabilities,
} from '@lsml/core';
import { choiceExamples, findChoicesTarget } from './choices-target.js';
import { Embedder } from './embedder.js';
import { imageClassifierSettingsFromEnv, type ImageClassifierSettings } from './settings.js';
import { classProbabilities, trainSoftmaxHead, type SoftmaxHead } from './softmax-head.js';

const HEAD_FILE = 'head.json';
const COLD: Prediction = { result: [], score: 0 };

export interface ImageClassifier {
  backend: Backend<SoftmaxHead>;
  embedder: Embedder;
  settings: ImageClassifierSettings;
}

/**
 * Transfer learning, online: a pretrained image model (transformers.js feature extraction)
 * turns each image into an embedding, and a softmax head trained on the project's annotations
 * so far predicts the `<Choices>`. Every annotation retrains the head (milliseconds: embeddings
 * are cached by image content). Before the first training it predicts nothing (score 0).
 */
export function createImageClassifier({
  env = process.env,
  log = createLogger(),
}: { env?: NodeJS.ProcessEnv; log?: Logger } = {}): ImageClassifier {
  const settings = imageClassifierSettingsFromEnv(env);
  const embedder = new Embedder(settings.model, settings.embeddingCacheSize, log);
  const warnedStale = new Set<string>();

  const usable = (head: SoftmaxHead | undefined, log: Logger): head is SoftmaxHead => {
    if (!head) return false;
    if (head.embeddingModel === settings.model.modelId) return true;
    if (!warnedStale.has(head.embeddingModel)) {
      warnedStale.add(head.embeddingModel);
      log.warn(
        { trainedOn: head.embeddingModel, model: settings.model.modelId },
        'the stored head was trained on another embedding model; predicting nothing until the next training',
      );
    }
    return false;
  };

  const backend = defineBackend<SoftmaxHead>({
    name: 'image_classifier',
    setup({ labelInterface }) {
      findChoicesTarget(labelInterface);
    },

    async predict(tasks, ctx) {
      const target = findChoicesTarget(ctx.labelInterface);
      const head = ctx.model;
      if (!usable(head, ctx.log)) return tasks.map(() => COLD);
      const allowed = new Set(target.control.labels.map((l) => l.value));
      // One broken image leaves its task without a prediction; alone, it is a 4xx naming it.
      const embeddings = await embedder.embedTasks(tasks, target.image.dataKey, ctx.readData, {
        signal: ctx.signal,
        skipUnreadable: tasks.length > 1,
        log: ctx.log,
      });
      return embeddings.map((embedding): Prediction => {
        if (!embedding) return COLD;
        const probabilities = classProbabilities(head, embedding);
        // A class removed from the config since training is never predicted.
        const ranked = head.classes
          .map((label, i) => ({ label, p: probabilities[i] ?? 0 }))
          .filter((c) => allowed.has(c.label))
          .sort((a, b) => b.p - a.p);
        const best = ranked[0];
        if (!best) return COLD;
        return {
          score: scoreFromProbabilities(
            probabilities,
            settings.score === 'probability' ? 'top' : settings.score,
          ),
          result: [
            {
              from_name: target.control.name,
              to_name: target.image.name,
              type: 'choices',
              value: { choices: [best.label] },
              score: best.p,
            },
          ],
        };
      });
    },

    async fit(ctx) {
      if (!ctx.labelInterface) return { status: 'skipped', reason: 'no label config yet' };
      const target = findChoicesTarget(ctx.labelInterface);
      const examples = choiceExamples(ctx.annotations, target);
      const embeddings = await embedder.embedTasks(
        examples.map((e) => e.task),
        target.image.dataKey,
        ctx.readData,
        { signal: ctx.signal, skipUnreadable: true, log: ctx.log },
      );
      const rows: Float32Array[] = [];
      const labels: string[] = [];
      embeddings.forEach((embedding, i) => {
        const label = examples[i]?.label;
        if (embedding && label !== undefined) {
          rows.push(embedding);
          labels.push(label);
        }
      });
      // Classes in config order, so heads trained on the same labels line up.
      const classes = target.control.labels.map((l) => l.value).filter((l) => labels.includes(l));
      if (classes.length < 2) {
        return {
          status: 'skipped',
          reason: `need annotated images of at least 2 classes; have ${rows.length} image(s) of ${classes.length === 0 ? 'none' : classes.join(', ')}`,
        };
      }
      await ctx.progress(0.5);
      const targets = labels.map((l) => classes.indexOf(l));
      const head = await trainSoftmaxHead(rows, targets, classes, settings.model.modelId);
      const right = rows.filter((row, i) => {
        const p = classProbabilities(head, row);
        return p.indexOf(Math.max(...p)) === targets[i];
      }).length;
      return {
        status: 'trained',
        model: head,
        trainingSetSize: rows.length,
        metrics: {
          train_accuracy: right / rows.length,
          classes: classes.length,
          examples: rows.length,
        },
      };
    },

    async save(head, artifacts) {
      await artifacts.writeJson(HEAD_FILE, head);
    },
    load(artifacts) {
      return artifacts.readJson<SoftmaxHead>(HEAD_FILE);
    },
  });
  return { backend, embedder, settings };
}

export const imageClassifier = createImageClassifier();
export default imageClassifier.backend;
