import { packBlobs, unpackBlobs, type Blob } from './binary-container.js';
import { OneVsRest, type BinaryLabelState } from '../logistic-regression/one-vs-rest.js';
import {
  SoftmaxRegression,
  type LogisticRegressionOptions,
  type SoftmaxState,
} from '../logistic-regression/softmax-regression.js';
import { TfidfVectorizer, type TfidfOptions } from '../tfidf/tfidf.js';

/** `single`: exactly one label per text (softmax). `multiple`: any number (one-vs-rest). */
export type LabelMode = 'single' | 'multiple';

/** What to train: the label mode, and any feature or regression setting to change. */
export interface TextClassifierOptions {
  mode: LabelMode;
  /** Feature settings; each unset one keeps its default. */
  tfidf?: Partial<TfidfOptions>;
  /** Regression settings; each unset one keeps its default. */
  classifier?: Partial<LogisticRegressionOptions>;
}

/** One training example. */
export interface LabeledText {
  text: string;
  /** The labels given to the text; in `single` mode only the first one counts. */
  labels: readonly string[];
}

const FORMAT = 'lsml-text-classifier';
const FORMAT_VERSION = 1;

/**
 * TF-IDF features plus logistic regression: the whole text model, trainable, predictable
 * and serializable. Its `labels` are the classes it can predict, in probability order.
 *
 * @example
 * ```ts
 * const model = TextClassifier.train(
 *   [
 *     { text: 'great phone, love it', labels: ['Positive'] },
 *     { text: 'awful battery, hate it', labels: ['Negative'] },
 *   ],
 *   ['Positive', 'Negative', 'Neutral'],
 *   { mode: 'single', tfidf: { minDf: 1 } },
 * );
 * model.labels; // ['Positive', 'Negative']: Neutral had no example
 * const [positive, negative] = model.predictProba(['love it']);
 * const copy = TextClassifier.deserialize(model.serialize()); // predicts exactly as `model`
 * ```
 */
export class TextClassifier {
  private constructor(
    readonly mode: LabelMode,
    readonly labels: readonly string[],
    private readonly vectorizer: TfidfVectorizer,
    private readonly classifier: SoftmaxRegression | OneVsRest,
  ) {}

  /**
   * Trains on `examples`. `candidateLabels` (the label config's) fixes the label order;
   * labels outside it are ignored. In `single` mode, labels without an example are left
   * out and at least two must remain; in `multiple` mode every candidate is kept.
   */
  static train(
    examples: readonly LabeledText[],
    candidateLabels: readonly string[],
    options: TextClassifierOptions,
  ): TextClassifier {
    const known = new Set(candidateLabels);
    const usable = examples
      .map((example) => ({
        text: example.text,
        labels: example.labels.filter((l) => known.has(l)),
      }))
      .filter((example) => example.labels.length > 0 || options.mode === 'multiple');
    const { vectorizer, matrix } = TfidfVectorizer.fitTransform(
      usable.map((example) => example.text),
      options.tfidf,
    );
    if (options.mode === 'multiple') {
      const index = new Map(candidateLabels.map((label, i) => [label, i]));
      const targets = usable.map((example) => example.labels.map((l) => index.get(l) as number));
      const classifier = OneVsRest.fit(matrix, targets, candidateLabels.length, options.classifier);
      return new TextClassifier('multiple', [...candidateLabels], vectorizer, classifier);
    }
    const seen = new Set(usable.map((example) => example.labels[0] as string));
    const labels = candidateLabels.filter((label) => seen.has(label));
    if (labels.length < 2) {
      throw new RangeError(`training needs examples of at least two labels, got ${labels.length}`);
    }
    const index = new Map(labels.map((label, i) => [label, i]));
    const classes = Int32Array.from(
      usable,
      (example) => index.get(example.labels[0] as string) as number,
    );
    const { model } = SoftmaxRegression.fit(matrix, classes, labels.length, options.classifier);
    return new TextClassifier('single', labels, vectorizer, model);
  }

  /**
   * Per text, the probability of each of `labels` (row-major, `labels.length` per text).
   * In `single` mode a row sums to 1; in `multiple` mode each label is independent.
   */
  predictProba(texts: readonly string[]): Float64Array {
    return this.classifier.predictProba(this.vectorizer.transform(texts));
  }

  /** Vocabulary size: the number of n-gram features. */
  get featureCount(): number {
    return this.vectorizer.size;
  }

  /** The model file: a JSON header and binary blobs (see `binary-container.ts`). */
  serialize(): Uint8Array {
    const tfidf = this.vectorizer.toState();
    const blobs: Record<string, Blob> = {
      // Tokens never contain a newline: they are runs of word characters.
      tokens: new TextEncoder().encode(tfidf.tokens.join('\n')),
      ngrams: tfidf.ngrams,
      idf: tfidf.idf,
    };
    let classifier: unknown;
    if (this.classifier instanceof SoftmaxRegression) {
      const { weights, ...shape } = this.classifier.toState();
      blobs.weights = weights;
      classifier = shape;
    } else {
      classifier = this.classifier.toState().map((state, label) => {
        if ('constant' in state) return state;
        const { weights, ...shape } = state.weights;
        blobs[`weights.${label}`] = weights;
        return shape;
      });
    }
    return packBlobs(
      {
        format: FORMAT,
        version: FORMAT_VERSION,
        mode: this.mode,
        labels: this.labels,
        tfidf: tfidf.options,
        classifier,
      },
      blobs,
    );
  }

  /**
   * The model `serialize` wrote. Throws on bytes that are not such a file, and on a file of
   * another format version.
   */
  static deserialize(bytes: Uint8Array): TextClassifier {
    const { header, blob } = unpackBlobs(bytes);
    if (header.format !== FORMAT || header.version !== FORMAT_VERSION) {
      throw new Error(
        `unsupported model format ${String(header.format)} v${String(header.version)}`,
      );
    }
    const mode = header.mode as LabelMode;
    const labels = header.labels as string[];
    const tokens = new TextDecoder().decode(blob('tokens'));
    const vectorizer = TfidfVectorizer.fromState({
      options: header.tfidf as TfidfOptions,
      tokens: tokens === '' ? [] : tokens.split('\n'),
      ngrams: new Int32Array(blob('ngrams')),
      idf: new Float32Array(blob('idf')),
    });
    type Shape = Omit<SoftmaxState, 'weights'>;
    if (mode === 'single') {
      const shape = header.classifier as Shape;
      const model = SoftmaxRegression.fromState({
        ...shape,
        weights: new Float32Array(blob('weights')),
      });
      return new TextClassifier(mode, labels, vectorizer, model);
    }
    const states = (header.classifier as (Shape | { constant: number })[]).map(
      (shape, label): BinaryLabelState =>
        'constant' in shape
          ? shape
          : { weights: { ...shape, weights: new Float32Array(blob(`weights.${label}`)) } },
    );
    return new TextClassifier(mode, labels, vectorizer, OneVsRest.fromState(states));
  }
}
