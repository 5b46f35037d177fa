import {
  answerKeys,
  choices,
  defineBackend,
  labelKey,
  LsmlError,
  scoreFromProbabilities,
  type LabelInterface,
  type Logger,
  type Prediction,
  type ScoreMode,
} from '@lsml/core';
import { readEachTask } from '@lsml/transformers';
import { Embedder } from './embedder.js';
import { imageClassifierSettingsFromEnv } from './settings.js';
import { classProbabilities, trainSoftmaxHead, type SoftmaxHead } from './softmax-head.js';

const HEAD_FILE = 'head.json';
const COLD: Prediction = { result: [], score: 0 };
/** Task images read at once (each may be a fetch from Label Studio). */
const READ_CONCURRENCY = 8;

/** The `<Choices>` the classifier answers and the `<Image>` it classifies. */
const choicesOnImage = (labelInterface: LabelInterface) =>
  labelInterface.requireTarget(
    { control: 'choices', object: 'image', where: (control) => control.labels.length >= 2 },
    'image_classifier needs at least 2 <Choice>s in it',
  );

const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));

/**
 * Transfer learning, online: a pretrained image model (transformers.js feature extraction)
 * turns each image into an embedding, and a softmax head trained on the project's annotations
 * so far predicts the `<Choices>`, as label keys (the alias when a choice has one). Every
 * annotation retrains the head (milliseconds: embeddings are cached by image content). Before
 * the first training it predicts nothing (score 0). Settings come from `env` (`MODEL_ID`,
 * `SCORE`, …), read when the backend starts.
 */
export function createImageClassifier({ env = process.env }: { env?: NodeJS.ProcessEnv } = {}) {
  let loaded: { embedder: Embedder; score: ScoreMode } | undefined;
  const ready = () => {
    if (!loaded) throw new LsmlError('INTERNAL', 'image_classifier: init() has not run');
    return loaded;
  };
  const warnedStale = new Set<string>();
  const usable = (head: SoftmaxHead | undefined, modelId: string, log: Logger) => {
    if (!head || head.embeddingModel === modelId) return head;
    if (!warnedStale.has(head.embeddingModel)) {
      warnedStale.add(head.embeddingModel);
      log.warn(
        { trainedOn: head.embeddingModel, model: modelId },
        'the stored head was trained on another embedding model; predicting nothing until the next training',
      );
    }
    return undefined;
  };

  return defineBackend<SoftmaxHead>({
    name: 'image_classifier',

    async init({ log }) {
      const settings = imageClassifierSettingsFromEnv(env);
      const embedder = new Embedder(settings.model, settings.embeddingCacheSize, log);
      await embedder.load();
      loaded = { embedder, score: settings.score };
    },

    setup({ labelInterface }) {
      choicesOnImage(labelInterface);
    },

    async predict(tasks, ctx) {
      const { embedder, score } = ready();
      const target = choicesOnImage(ctx.labelInterface);
      const head = usable(ctx.model, embedder.settings.modelId, ctx.log);
      if (!head) return tasks.map(() => COLD);
      const images = await readEachTask(
        tasks,
        (task) => embedder.read(task, target.dataKey, ctx.readData, ctx.signal),
        { log: ctx.log, signal: ctx.signal, concurrency: READ_CONCURRENCY },
      );
      const readable = images.filter((image) => image !== undefined);
      const { embeddings } = await embedder.embed(readable, ctx.signal);
      // A class removed from the config since training is never predicted.
      const keys = new Set(target.control.labels.map(labelKey));
      return images.map((image): Prediction => {
        const embedding = image && embeddings[readable.indexOf(image)];
        if (!embedding) return COLD;
        const probabilities = classProbabilities(head, embedding);
        const [best] = head.classes
          .map((label, i) => ({ label, p: probabilities[i] ?? 0 }))
          .filter((c) => keys.has(c.label))
          .sort((a, b) => b.p - a.p);
        if (!best) return COLD;
        const toName = target.object.name;
        return {
          score: scoreFromProbabilities(probabilities, score),
          result: [choices(target.control, best.label, { toName, score: best.p })],
        };
      });
    },

    async fit(ctx) {
      const { embedder } = ready();
      if (!ctx.labelInterface) return { status: 'skipped', reason: 'no label config yet' };
      const target = choicesOnImage(ctx.labelInterface);
      // An image that cannot be read is skipped (and listed in the job), never fatal.
      const examples = await ctx.mapExamples(
        async ({ task, annotation }) => {
          const [label] = answerKeys(annotation, target.control);
          if (label === undefined) return undefined;
          const image = await embedder.read(task, target.dataKey, ctx.readData, ctx.signal);
          return { label, image };
        },
        { concurrency: READ_CONCURRENCY },
      );
      // Classes in config order, so heads trained on the same labels line up.
      const classes = target.control.labels
        .map(labelKey)
        .filter((key) => examples.some((e) => e.label === key));
      if (classes.length < 2) {
        return {
          status: 'skipped',
          reason: `need annotated images of at least 2 classes; have ${examples.length} image(s) of ${classes.join(', ') || 'none'}`,
        };
      }
      const { embeddings, embedded } = await embedder.embed(
        examples.map((e) => e.image),
        ctx.signal,
      );
      await ctx.progress(0.5);
      const targets = examples.map((e) => classes.indexOf(e.label));
      const head = await trainSoftmaxHead(embeddings, targets, classes, embedder.settings.modelId);
      const right = embeddings.filter(
        (row, i) => argmax(classProbabilities(head, row)) === targets[i],
      ).length;
      return {
        status: 'trained',
        model: head,
        trainingSetSize: examples.length,
        metrics: {
          train_accuracy: right / examples.length,
          classes: classes.length,
          examples: examples.length,
          // Images that went through the model; the others came from the embedding cache.
          embedded,
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
}

export const imageClassifier = createImageClassifier();
export default imageClassifier;
