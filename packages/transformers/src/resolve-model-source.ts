import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LsmlError } from '@lsml/core';
import { isModelPath, type ModelSettings } from './model-settings.js';

/** Where a model's files come from: a local folder (by absolute path) or the hub (by id). */
export type ModelSource =
  | { kind: 'local'; path: string; modelId: string }
  | { kind: 'hub'; modelId: string; cacheDir: string };

/**
 * Decides where to load `settings.modelId` from, before transformers.js is asked.
 *
 * A local folder is always handed over as an absolute path: transformers.js reads its download
 * cache *before* local folders when given an id, so a stale cached copy of the same id would
 * silently win; with an absolute path the cache never matches. Absolute paths also keep its
 * per-process memoization (keyed by the model string) from mixing up two folders.
 */
export function resolveModelSource(settings: ModelSettings): ModelSource {
  const { modelId, modelsDir } = settings;
  if (isModelPath(modelId)) {
    const path = resolve(modelId);
    if (!existsSync(join(path, 'config.json'))) throw missingModel(settings, [path]);
    return { kind: 'local', path, modelId };
  }
  if (modelsDir !== undefined) {
    const path = join(modelsDir, modelId);
    if (existsSync(join(path, 'config.json'))) return { kind: 'local', path, modelId };
  }
  if (settings.offline) {
    throw missingModel(settings, modelsDir === undefined ? [] : [join(modelsDir, modelId)]);
  }
  return { kind: 'hub', modelId, cacheDir: settings.cacheDir };
}

function missingModel(settings: ModelSettings, searched: string[]): LsmlError {
  const where =
    searched.length > 0
      ? `no config.json in ${searched.join(', ')}`
      : 'LSML_MODELS_DIR is not set, so no local folder was searched';
  const downloads = settings.offline
    ? 'downloads are off (LSML_OFFLINE=1)'
    : 'the path was given explicitly, so it is not downloaded';
  return new LsmlError(
    'MODEL_UNAVAILABLE',
    `Model "${settings.modelId}" is not available: ${where}, and ${downloads}. ` +
      'Put the model folder at LSML_MODELS_DIR/<MODEL_ID>, set MODEL_ID to a folder path, ' +
      'or unset LSML_OFFLINE to download it from the Hugging Face hub.',
    { details: { model: settings.modelId, searched } },
  );
}
