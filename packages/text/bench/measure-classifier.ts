/**
 * What the root benchmarks (`pnpm bench:text-package`, `pnpm bench:text`) measure of
 * @lsml/text itself: a `TextClassifier` on a labelled train/test split, with its defaults
 * (quality, training time, prediction rates, model file, peak memory) and with other settings.
 */
import { TextClassifier, type TextClassifierOptions } from '../src/index.js';

/** A text and its one true label. */
export interface LabelledText {
  text: string;
  label: string;
}

interface Quality {
  accuracy: number;
  macroF1: number;
}

function quality(
  test: readonly LabelledText[],
  predicted: readonly string[],
  labels: readonly string[],
): Quality {
  let correct = 0;
  const f1s = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    test.forEach((message, i) => {
      const isLabel = message.label === label;
      const saysLabel = predicted[i] === label;
      if (isLabel && saysLabel) tp++;
      else if (saysLabel) fp++;
      else if (isLabel) fn++;
    });
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  test.forEach((message, i) => {
    if (predicted[i] === message.label) correct++;
  });
  return { accuracy: correct / test.length, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
}

function argmaxLabels(model: TextClassifier, probabilities: Float64Array): string[] {
  const k = model.labels.length;
  const labels: string[] = [];
  for (let row = 0; row < probabilities.length / k; row++) {
    let best = 0;
    for (let j = 1; j < k; j++)
      if ((probabilities[row * k + j] as number) > (probabilities[row * k + best] as number))
        best = j;
    labels.push(model.labels[best] as string);
  }
  return labels;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] as number;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

function seconds<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

function train(
  messages: readonly LabelledText[],
  labels: readonly string[],
  options: Partial<TextClassifierOptions> = {},
) {
  return TextClassifier.train(
    messages.map((m) => ({ text: m.text, labels: [m.label] })),
    labels,
    { mode: 'single', ...options },
  );
}

/** The model with its defaults: three fits, three timed batch predictions, then single texts. */
export function measureClassifier(
  trainSet: readonly LabelledText[],
  test: readonly LabelledText[],
  labels: readonly string[],
) {
  const fitSeconds: number[] = [];
  let model: TextClassifier | undefined;
  for (let run = 0; run < 3; run++) {
    model = undefined; // let the previous model go before the next fit, as sklearn_ref does
    const [fitted, elapsed] = seconds(() => train(trainSet, labels));
    model = fitted;
    fitSeconds.push(elapsed);
    console.log(`  fit ${run + 1}/3: ${elapsed.toFixed(2)} s`);
  }
  const fitted = model as TextClassifier;
  const texts = test.map((m) => m.text);
  const batchSeconds: number[] = [];
  // One untimed pass first: the steady state of a server, not V8 compiling the predict path.
  let probabilities: Float64Array = fitted.predictProba(texts);
  for (let run = 0; run < 3; run++) {
    const [result, elapsed] = seconds(() => fitted.predictProba(texts));
    probabilities = result;
    batchSeconds.push(elapsed);
  }
  const singleCalls = 500;
  for (let k = 0; k < 5; k++) fitted.predictProba([texts[k % texts.length] as string]);
  const [, singleSeconds] = seconds(() => {
    for (let k = 0; k < singleCalls; k++) fitted.predictProba([texts[k % texts.length] as string]);
  });
  const [bytes, saveSeconds] = seconds(() => fitted.serialize());
  const [, loadSeconds] = seconds(() => TextClassifier.deserialize(bytes));
  return {
    ...quality(test, argmaxLabels(fitted, probabilities), labels),
    nFeatures: fitted.featureCount,
    trainSeconds: median(fitSeconds),
    trainSecondsAll: fitSeconds.map((s) => round(s, 3)),
    predictBatchPerS: texts.length / median(batchSeconds),
    predictBatchSecondsAll: batchSeconds.map((s) => round(s, 4)),
    predictSinglePerS: singleCalls / singleSeconds,
    modelMegabytes: bytes.byteLength / 1e6,
    saveSeconds,
    loadSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

export type ClassifierMeasures = ReturnType<typeof measureClassifier>;

/** Other settings, one fit each, to record why the defaults are what they are. */
export function measureVariants(
  trainSet: readonly LabelledText[],
  test: readonly LabelledText[],
  labels: readonly string[],
) {
  const variants: Record<string, Partial<TextClassifierOptions>> = {
    // Each one is the defaults (1-2-grams, minDf 2, sublinear tf, C=10) with one change.
    'raw tf': { tfidf: { sublinearTf: false } },
    'ngrams 1-3': { tfidf: { ngramRange: [1, 3] } },
    'minDf 1': { tfidf: { minDf: 1 } },
    'ngrams 1-3, minDf 1, raw tf (scikit-learn features)': {
      tfidf: { ngramRange: [1, 3], minDf: 1, sublinearTf: false },
    },
    stemmed: { tfidf: { stem: true } },
    'C=1': { classifier: { c: 1 } },
    'C=100': { classifier: { c: 100 } },
  };
  return Object.entries(variants).map(([name, options]) => {
    const [model, trainSeconds] = seconds(() => train(trainSet, labels, options));
    const [probabilities, predictSeconds] = seconds(() =>
      model.predictProba(test.map((m) => m.text)),
    );
    const result = {
      name,
      ...quality(test, argmaxLabels(model, probabilities), labels),
      nFeatures: model.featureCount,
      trainSeconds: trainSeconds,
      predictBatchPerS: test.length / predictSeconds,
    };
    console.log(
      `  ${name.padEnd(44)} accuracy ${result.accuracy.toFixed(4)}  macro-F1 ${result.macroF1.toFixed(4)}  ` +
        `${result.nFeatures} features  train ${trainSeconds.toFixed(2)} s  ${result.predictBatchPerS.toFixed(0)} texts/s`,
    );
    return result;
  });
}
