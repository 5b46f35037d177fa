import { LsmlError } from '@lsml/core';
import { modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';

/**
 * `SCORE` values: `probability` of the top class (core's `top`), or core's `margin` and
 * `entropy` uncertainties (1 when the model cannot tell; see docs/label-config.md).
 */
export const SCORE_MODES = ['probability', 'margin', 'entropy'] as const;
export type ScoreMode = (typeof SCORE_MODES)[number];

/** ViT-Base pretrained on ImageNet-21k: general features, the usual backbone for linear probes. */
export const DEFAULT_MODEL_ID = 'Xenova/vit-base-patch16-224-in21k';

export interface ImageClassifierSettings {
  model: ModelSettings;
  /** `SCORE`: what the task-level score means (see README). Default `probability`. */
  score: ScoreMode;
  /** `LSML_EMBEDDING_CACHE`: embeddings kept in memory, by image content. Default 10000. */
  embeddingCacheSize: number;
}

export function imageClassifierSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ImageClassifierSettings {
  const score = (env.SCORE?.trim().toLowerCase() || 'probability') as ScoreMode;
  if (!SCORE_MODES.includes(score))
    throw new LsmlError(
      'VALIDATION_FAILED',
      `SCORE="${env.SCORE ?? ''}" must be one of ${SCORE_MODES.join(', ')}`,
    );
  const rawCacheSize = env.LSML_EMBEDDING_CACHE?.trim();
  const cacheSize = rawCacheSize ? Number(rawCacheSize) : 10_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0)
    throw new LsmlError('VALIDATION_FAILED', 'LSML_EMBEDDING_CACHE must be a whole number ≥ 0');
  return {
    model: modelSettingsFromEnv(DEFAULT_MODEL_ID, env),
    score,
    embeddingCacheSize: cacheSize,
  };
}
