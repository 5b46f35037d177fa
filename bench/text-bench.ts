/**
 * The text benchmarks' common run: @lsml/text's `TextClassifier` on the SpamAssassin corpus,
 * against scikit-learn's reference pipeline (TF-IDF 1–3 grams + LogisticRegression C=10)
 * measured in the same run on the same split, and against natural's own classifiers.
 * `pnpm bench:text-package` runs it as is; `pnpm bench:text` adds the example over HTTP.
 *
 * Targets, as ratios: accuracy ≥ scikit-learn's − 0.5 points; training ≥ 10× faster;
 * batch predict ≥ 10× the texts/s; peak memory ≤ scikit-learn's.
 *
 * Flags: --no-sklearn, --no-natural, --no-variants (skip those parts).
 * `SKLEARN_REF=<path>` names sklearn_ref.py; by default it is looked for in `shared/bench/`
 * beside the checkout or beside any folder above it (a git worktree sits deeper).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpamAssassin } from '../examples/simple_text_classifier/test/spam-assassin.js';
import {
  measureClassifier,
  measureVariants,
  median,
  type ClassifierMeasures,
  type LabelledText,
} from '../packages/text/bench/measure-classifier.js';
import { measureNaturalBaselines } from '../packages/text/bench/natural-baselines.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

function sklearnAvailable(sklearnRef: string): string | null {
  if (flags.has('--no-sklearn')) return 'skipped (--no-sklearn)';
  if (!existsSync(sklearnRef)) return `skipped: ${sklearnRef} not found`;
  if (spawnSync(PYTHON, ['-c', 'import sklearn']).status !== 0) {
    return `skipped: ${PYTHON} cannot import sklearn (apt-get install -y python3-sklearn)`;
  }
  return null;
}

async function runSklearn(
  sklearnRef: string,
  messages: readonly LabelledText[],
): Promise<SklearnResult> {
  const data = join(tmpdir(), `lsml-bench-spam-${process.pid}.jsonl`);
  writeFileSync(data, messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  try {
    const child = spawn(PYTHON, [sklearnRef, data], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    if (code !== 0) throw new Error(`sklearn_ref.py exited with ${code}`);
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as SklearnResult;
  } finally {
    rmSync(data, { force: true });
  }
}

function compare(ours: ClassifierMeasures, sklearn: SklearnResult) {
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

export interface TextBenchOptions {
  /** What the classifier is called in the output. */
  subject: string;
  /** The example behind a real socket (`bench:text`), after natural's and before scikit-learn's. */
  http?: (train: readonly LabelledText[], test: readonly LabelledText[]) => Promise<unknown>;
}

export async function runTextBench({
  subject,
  http: measureHttp,
}: TextBenchOptions): Promise<void> {
  const messages = loadSpamAssassin();
  const trainSet = messages.filter((m) => m.split === 'train');
  const test = messages.filter((m) => m.split === 'test');
  console.log(`SpamAssassin: ${trainSet.length} train, ${test.length} test texts`);

  console.log(`\n${subject}, defaults:`);
  const ours = measureClassifier(trainSet, test, LABELS);
  console.log(
    `  accuracy ${ours.accuracy.toFixed(4)}  macro-F1 ${ours.macroF1.toFixed(4)}  ${ours.nFeatures} features\n` +
      `  training ${ours.trainSeconds.toFixed(2)} s (median of 3)  batch predict ${ours.predictBatchPerS.toFixed(0)} texts/s  ` +
      `single predict ${ours.predictSinglePerS.toFixed(0)}/s\n` +
      `  peak RSS ${ours.peakRssMb.toFixed(0)} MB  model file ${ours.modelMegabytes.toFixed(1)} MB, ` +
      `saved in ${ours.saveSeconds.toFixed(2)} s, loaded in ${ours.loadSeconds.toFixed(2)} s`,
  );

  const variants = flags.has('--no-variants')
    ? []
    : (console.log('\nother settings:'), measureVariants(trainSet, test, LABELS));
  const natural = flags.has('--no-natural')
    ? []
    : (console.log("\nnatural's classifiers (why the solver is our own):"),
      await measureNaturalBaselines(trainSet, test));
  const http = measureHttp ? await measureHttp(trainSet, test) : null;

  const sklearnRef = findSklearnRef();
  const skip = sklearnAvailable(sklearnRef);
  let sklearn: SklearnResult | null = null;
  let checks: ReturnType<typeof compare> = [];
  if (skip === null) {
    console.log(`\nscikit-learn reference (${sklearnRef}):`);
    sklearn = await runSklearn(sklearnRef, messages);
    console.log(
      `  scikit-learn ${sklearn.sklearn_version}: accuracy ${sklearn.accuracy}  macro-F1 ${sklearn.macro_f1}  ` +
        `${sklearn.n_features} features  training ${sklearn.train_seconds} s  batch ${sklearn.predict_batch_per_s} texts/s  ` +
        `single ${sklearn.predict_single_per_s}/s  peak RSS ${sklearn.peak_rss_mb} MB`,
    );
    // The machine's load drifts over the minutes scikit-learn takes: time ours again after it,
    // and compare medians over both passes, so that neither side alone gets the quiet spell.
    console.log(`\n${subject} again, after scikit-learn:`);
    const again = measureClassifier(trainSet, test, LABELS);
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
