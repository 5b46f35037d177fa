import { LsmlError, parseScoreMode, type ScoreMode } from '@lsml/core';
import type { TextClassifierOptions } from '@lsml/text';

/** The backend's settings; each comes from an environment variable (see the README). */
export interface ClassifierSettings {
  /** `SCORE`: what the task score means (default `probability`). */
  score: ScoreMode;
  /** `NGRAM_RANGE`, `MIN_DF`, `SUBLINEAR_TF`, `STEM`, `LOGISTIC_REGRESSION_C`. */
  model: Omit<TextClassifierOptions, 'mode'>;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClassifierSettings {
  const score = parseScoreMode(env.SCORE);
  const tfidf: NonNullable<TextClassifierOptions['tfidf']> = {};
  if (env.NGRAM_RANGE) {
    const match = /^\s*(\d+)\s*[,-]\s*(\d+)\s*$/.exec(env.NGRAM_RANGE);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1])) {
      throw new LsmlError(
        'VALIDATION_FAILED',
        `NGRAM_RANGE must look like "1,2", got "${env.NGRAM_RANGE}"`,
      );
    }
    tfidf.ngramRange = [Number(match[1]), Number(match[2])];
  }
  if (env.MIN_DF) tfidf.minDf = positiveNumber('MIN_DF', env.MIN_DF);
  if (env.SUBLINEAR_TF) tfidf.sublinearTf = flag(env.SUBLINEAR_TF);
  if (env.STEM) tfidf.stem = flag(env.STEM);
  const classifier = env.LOGISTIC_REGRESSION_C
    ? { c: positiveNumber('LOGISTIC_REGRESSION_C', env.LOGISTIC_REGRESSION_C) }
    : {};
  return { score, model: { tfidf, classifier } };
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0))
    throw new LsmlError('VALIDATION_FAILED', `${name} must be a positive number, got "${text}"`);
  return value;
}

function flag(text: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes(text.toLowerCase());
}
