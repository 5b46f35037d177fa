import { LsmlError, parseScoreMode, type ScoreMode } from '@lsml/core';
import { modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';

/** ViT-Base pretrained on ImageNet-21k: general features, the usual backbone for linear probes. */
export const DEFAULT_MODEL_ID = 'Xenova/vit-base-patch16-224-in21k';

export interface ImageClassifierSettings {
  model: ModelSettings;
  /** `SCORE`: what the task-level score means (core's score modes). Default `probability`. */
  score: ScoreMode;
  /** `LSML_EMBEDDING_CACHE`: embeddings kept in memory, by image content. Default 10000. */
  embeddingCacheSize: number;
}

export function imageClassifierSettingsFromEnv(env: NodeJS.ProcessEnv): ImageClassifierSettings {
  const rawCacheSize = env.LSML_EMBEDDING_CACHE?.trim();
  const cacheSize = rawCacheSize ? Number(rawCacheSize) : 10_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0)
    throw new LsmlError(
      'VALIDATION_FAILED',
      `LSML_EMBEDDING_CACHE="${rawCacheSize ?? ''}" must be a whole number ≥ 0`,
    );
  return {
    model: modelSettingsFromEnv(DEFAULT_MODEL_ID, env),
    score: parseScoreMode(env.SCORE),
    embeddingCacheSize: cacheSize,
  };
}
