/**
 * Trains one of natural's own classifiers on the texts it is given and reports its accuracy
 * and timings. Runs in a worker thread so that the bench can stop it after a time budget:
 * natural's classifiers run synchronously and build a dense vector per document.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  BayesClassifier,
  LogisticRegressionClassifier,
} from 'natural/lib/natural/classifiers/index.js';

export interface NaturalBaselineInput {
  kind: 'BayesClassifier' | 'LogisticRegressionClassifier';
  train: { text: string; label: string }[];
  test: { text: string; label: string }[];
}

export interface NaturalBaselineOutput {
  trainSeconds: number;
  accuracy: number;
  predictPerSecond: number;
}

const input = workerData as NaturalBaselineInput;
const classifier =
  input.kind === 'BayesClassifier' ? new BayesClassifier() : new LogisticRegressionClassifier();
const started = performance.now();
for (const { text, label } of input.train) classifier.addDocument(text, label);
classifier.train();
const trained = performance.now();
let correct = 0;
for (const { text, label } of input.test) if (classifier.classify(text) === label) correct++;
const output: NaturalBaselineOutput = {
  trainSeconds: (trained - started) / 1000,
  accuracy: correct / input.test.length,
  predictPerSecond: input.test.length / ((performance.now() - trained) / 1000),
};
parentPort?.postMessage(output);
