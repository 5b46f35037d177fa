/**
 * @lsml/text: text classification for lsml backends. TF-IDF over word n-grams, logistic
 * regression (softmax, or one-vs-rest for any number of labels per text) with a sparse
 * L-BFGS solver, a compact binary model file, and training on a worker thread.
 *
 * @example
 * ```ts
 * import { TextClassifier, trainInWorker } from '@lsml/text';
 *
 * const model = await trainInWorker({ examples, labels, options: { mode: 'single' } }, signal);
 * const probabilities = model.predictProba(texts); // model.labels.length per text
 * const restored = TextClassifier.deserialize(model.serialize());
 * ```
 *
 * @packageDocumentation
 */
export {
  TextClassifier,
  type LabeledText,
  type LabelMode,
  type TextClassifierOptions,
} from './classifier/text-classifier.js';
export type { LbfgsOptions } from './logistic-regression/lbfgs.js';
export type { LogisticRegressionOptions } from './logistic-regression/softmax-regression.js';
export type { NgramRange, TfidfOptions } from './tfidf/tfidf.js';
export { trainInWorker, type TrainingJob } from './worker/train-in-worker.js';
