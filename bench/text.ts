/**
 * `pnpm bench:text`: the simple_text_classifier model on the SpamAssassin corpus, against
 * scikit-learn's reference pipeline (TF-IDF 1–3 grams + LogisticRegression C=10) measured
 * in the same run on the same split, and against natural's own classifiers.
 *
 * Targets, as ratios: accuracy ≥ scikit-learn's − 0.5 points; training ≥ 10× faster;
 * batch predict ≥ 10× the texts/s; peak memory ≤ scikit-learn's.
 *
 * Also: /predict over HTTP (single-task p50/p99, 1,000 tasks in one request: target < 2 s,
 * RSS through a 50,000-task auto-labeling run: target flat).
 *
 * Flags: --no-sklearn, --no-natural, --no-variants, --no-http (skip those parts).
 * `SKLEARN_REF=<path>` names sklearn_ref.py; by default it is looked for in `shared/bench/`
 * beside the checkout or beside any folder above it (a git worktree sits deeper).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureHttp } from '../examples/simple_text_classifier/bench/http-latency.js';
import { measureNaturalBaseline } from '../examples/simple_text_classifier/bench/natural-baselines.js';
import {
  TextClassifier,
  type TextClassifierOptions,
} from '../examples/simple_text_classifier/src/text-model.js';
import {
  loadSpamAssassin,
  type SpamMessage,
} from '../examples/simple_text_classifier/test/spam-assassin.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKLEARN_REF = findSklearnRef();
const PYTHON = '/usr/bin/python3';
const LABELS = ['ham', 'spam'];
const flags = new Set(process.argv.slice(2));

function findSklearnRef(): string {
  if (process.env.SKLEARN_REF) return resolve(process.env.SKLEARN_REF);
  const nearest = resolve(repoRoot, '../shared/bench/sklearn_ref.py');
  for (let dir = dirname(repoRoot); dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared/bench/sklearn_ref.py');
    if (existsSync(candidate)) return candidate;
  }
  return nearest;
}

interface Quality {
  accuracy: number;
  macroF1: number;
}

function quality(test: readonly SpamMessage[], predicted: readonly string[]): Quality {
  let correct = 0;
  const f1s = LABELS.map((label) => {
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
      if (probabilities[row * k + j]! > probabilities[row * k + best]!) best = j;
    labels.push(model.labels[best]!);
  }
  return labels;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function seconds<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

function train(messages: readonly SpamMessage[], options: Partial<TextClassifierOptions> = {}) {
  return TextClassifier.train(
    messages.map((m) => ({ text: m.text, labels: [m.label] })),
    LABELS,
    { mode: 'single', ...options },
  );
}

/** Our model with its defaults: the numbers compared with scikit-learn. */
function measureOurs(trainSet: readonly SpamMessage[], test: readonly SpamMessage[]) {
  const fitSeconds: number[] = [];
  let model: TextClassifier | undefined;
  for (let run = 0; run < 3; run++) {
    model = undefined; // let the previous model go before the next fit, as sklearn_ref does
    const [fitted, elapsed] = seconds(() => train(trainSet));
    model = fitted;
    fitSeconds.push(elapsed);
    console.log(`  fit ${run + 1}/3: ${elapsed.toFixed(2)} s`);
  }
  const fitted = model!;
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
  for (let k = 0; k < 5; k++) fitted.predictProba([texts[k % texts.length]!]);
  const [, singleSeconds] = seconds(() => {
    for (let k = 0; k < singleCalls; k++) fitted.predictProba([texts[k % texts.length]!]);
  });
  const [bytes, saveSeconds] = seconds(() => fitted.serialize());
  const [, loadSeconds] = seconds(() => TextClassifier.deserialize(bytes));
  return {
    ...quality(test, argmaxLabels(fitted, probabilities)),
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

/** Other settings, one fit each, to record why the defaults are what they are. */
function measureVariants(trainSet: readonly SpamMessage[], test: readonly SpamMessage[]) {
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
    const [model, trainSeconds] = seconds(() => train(trainSet, options));
    const [probabilities, predictSeconds] = seconds(() =>
      model.predictProba(test.map((m) => m.text)),
    );
    const result = {
      name,
      ...quality(test, argmaxLabels(model, probabilities)),
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

async function measureNatural(trainSet: readonly SpamMessage[], test: readonly SpamMessage[]) {
  // Evenly spaced, so both labels are in (the corpus lists all ham before all spam).
  const sample = (messages: readonly SpamMessage[], n: number) => {
    const step = messages.length / n;
    return Array.from({ length: Math.min(n, messages.length) }, (_, i) => {
      const { text, label } = messages[Math.floor(i * step)]!;
      return { text, label };
    });
  };
  const runs = [
    { kind: 'BayesClassifier', trainSize: 300, budgetSeconds: 90 },
    { kind: 'LogisticRegressionClassifier', trainSize: 20, budgetSeconds: 60 },
  ] as const;
  const results = [];
  for (const { kind, trainSize, budgetSeconds } of runs) {
    const result = await measureNaturalBaseline(
      { kind, train: sample(trainSet, trainSize), test: sample(test, 200) },
      budgetSeconds,
    );
    console.log(
      `  natural ${kind} on ${trainSize} train texts: ` +
        (result.finished
          ? `accuracy ${result.accuracy.toFixed(4)} (200 test texts), train ${result.trainSeconds.toFixed(2)} s, ${result.predictPerSecond.toFixed(1)} texts/s`
          : `did not finish within ${budgetSeconds} s (stopped)`),
    );
    results.push({ kind, trainSize, ...result });
  }
  return results;
}

interface SklearnResult {
  accuracy: number;
  macro_f1: number;
  train_seconds: number;
  predict_batch_per_s: number;
  predict_single_per_s: number;
  peak_rss_mb: number;
  n_features: number;
  lr_n_iter: number;
  sklearn_version: string;
}

function sklearnAvailable(): string | null {
  if (flags.has('--no-sklearn')) return 'skipped (--no-sklearn)';
  if (!existsSync(SKLEARN_REF)) return `skipped: ${SKLEARN_REF} not found`;
  if (spawnSync(PYTHON, ['-c', 'import sklearn']).status !== 0) {
    return `skipped: ${PYTHON} cannot import sklearn (apt-get install -y python3-sklearn)`;
  }
  return null;
}

async function runSklearn(messages: readonly SpamMessage[]): Promise<SklearnResult> {
  const data = join(tmpdir(), `lsml-bench-spam-${process.pid}.jsonl`);
  writeFileSync(data, messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  try {
    const child = spawn(PYTHON, [SKLEARN_REF, data], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    if (code !== 0) throw new Error(`sklearn_ref.py exited with ${code}`);
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as SklearnResult;
  } finally {
    rmSync(data, { force: true });
  }
}

type Ours = ReturnType<typeof measureOurs>;

function compare(ours: Ours, sklearn: SklearnResult) {
  const checks = [
    {
      target: 'accuracy ≥ scikit-learn − 0.5 pt',
      value: `${((ours.accuracy - sklearn.accuracy) * 100).toFixed(2)} pt`,
      pass: ours.accuracy >= sklearn.accuracy - 0.005,
    },
    {
      target: 'training ≥ 10× faster',
      value: `${(sklearn.train_seconds / ours.trainSeconds).toFixed(1)}×`,
      pass: sklearn.train_seconds / ours.trainSeconds >= 10,
    },
    {
      target: 'batch predict ≥ 10× texts/s',
      value: `${(ours.predictBatchPerS / sklearn.predict_batch_per_s).toFixed(1)}×`,
      pass: ours.predictBatchPerS / sklearn.predict_batch_per_s >= 10,
    },
    {
      target: 'peak memory ≤ scikit-learn',
      value: `${(ours.peakRssMb / sklearn.peak_rss_mb).toFixed(2)}× of its RSS`,
      pass: ours.peakRssMb <= sklearn.peak_rss_mb,
    },
  ];
  console.log('\nagainst scikit-learn (same run, same split):');
  for (const check of checks) {
    console.log(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.target.padEnd(36)} ${check.value}`);
  }
  console.log(
    `  (single-text predict: ${(ours.predictSinglePerS / sklearn.predict_single_per_s).toFixed(1)}× scikit-learn's)`,
  );
  return checks;
}

async function main() {
  const messages = loadSpamAssassin();
  const trainSet = messages.filter((m) => m.split === 'train');
  const test = messages.filter((m) => m.split === 'test');
  console.log(`SpamAssassin: ${trainSet.length} train, ${test.length} test texts`);

  console.log('\nsimple_text_classifier, defaults:');
  const ours = measureOurs(trainSet, test);
  console.log(
    `  accuracy ${ours.accuracy.toFixed(4)}  macro-F1 ${ours.macroF1.toFixed(4)}  ${ours.nFeatures} features\n` +
      `  training ${ours.trainSeconds.toFixed(2)} s (median of 3)  batch predict ${ours.predictBatchPerS.toFixed(0)} texts/s  ` +
      `single predict ${ours.predictSinglePerS.toFixed(0)}/s\n` +
      `  peak RSS ${ours.peakRssMb.toFixed(0)} MB  model file ${ours.modelMegabytes.toFixed(1)} MB, ` +
      `saved in ${ours.saveSeconds.toFixed(2)} s, loaded in ${ours.loadSeconds.toFixed(2)} s`,
  );

  const variants = flags.has('--no-variants')
    ? []
    : (console.log('\nother settings:'), measureVariants(trainSet, test));
  const natural = flags.has('--no-natural')
    ? []
    : (console.log("\nnatural's classifiers (why the solver is our own):"),
      await measureNatural(trainSet, test));

  let http: Awaited<ReturnType<typeof measureHttp>> | null = null;
  if (!flags.has('--no-http')) {
    console.log('\n/predict over HTTP (real socket, model trained on the train split):');
    http = await measureHttp(trainSet, test);
    const worstThousand = Math.max(...http.thousandTasksSeconds);
    const rss = http.autoLabel.rssMbEvery10k;
    console.log(
      `  single task: p50 ${http.singleTaskMs.p50.toFixed(1)} ms, p99 ${http.singleTaskMs.p99.toFixed(1)} ms (${http.singleTaskMs.requests} requests)\n` +
        `  ${worstThousand < 2 ? 'PASS' : 'FAIL'}  1,000 tasks in one /predict < 2 s: ${http.thousandTasksSeconds.map((s) => s.toFixed(2)).join(', ')} s\n` +
        `  auto-labeling ${http.autoLabel.tasks} tasks in ${http.autoLabel.seconds.toFixed(1)} s; RSS every 10k tasks: ${rss.map((r) => r.toFixed(0)).join(', ')} MB`,
    );
  }

  const skip = sklearnAvailable();
  let sklearn: SklearnResult | null = null;
  let checks: ReturnType<typeof compare> = [];
  if (skip === null) {
    console.log(`\nscikit-learn reference (${SKLEARN_REF}):`);
    sklearn = await runSklearn(messages);
    console.log(
      `  scikit-learn ${sklearn.sklearn_version}: accuracy ${sklearn.accuracy}  macro-F1 ${sklearn.macro_f1}  ` +
        `${sklearn.n_features} features  training ${sklearn.train_seconds} s  batch ${sklearn.predict_batch_per_s} texts/s  ` +
        `single ${sklearn.predict_single_per_s}/s  peak RSS ${sklearn.peak_rss_mb} MB`,
    );
    // The machine's load drifts over the minutes scikit-learn takes: time ours again after it,
    // and compare medians over both passes, so that neither side alone gets the quiet spell.
    console.log('\nsimple_text_classifier again, after scikit-learn:');
    const again = measureOurs(trainSet, test);
    const fits = [...ours.trainSecondsAll, ...again.trainSecondsAll];
    const batches = [...ours.predictBatchSecondsAll, ...again.predictBatchSecondsAll];
    const both = {
      ...ours,
      trainSeconds: median(fits),
      trainSecondsAll: fits,
      predictBatchPerS: test.length / median(batches),
      predictBatchSecondsAll: batches,
      predictSinglePerS: median([ours.predictSinglePerS, again.predictSinglePerS]),
      peakRssMb: Math.max(ours.peakRssMb, again.peakRssMb),
    };
    console.log(
      `  training ${again.trainSeconds.toFixed(2)} s  batch predict ${again.predictBatchPerS.toFixed(0)} texts/s; ` +
        `both passes: training ${both.trainSeconds.toFixed(2)} s (median of 6), batch ${both.predictBatchPerS.toFixed(0)} texts/s (median of 6)`,
    );
    checks = compare(both, sklearn);
  } else {
    console.log(`\nscikit-learn comparison ${skip}`);
  }
  console.log('\n' + JSON.stringify({ ours, variants, natural, http, sklearn, checks }));
}

await main();
