import { isAbsolute, join, resolve } from 'node:path';
import { LsmlError } from '@lsml/core';

/**
 * How one process finds, loads and runs its transformers.js model. Every field has an env var;
 * {@link modelSettingsFromEnv} reads them so examples never touch `process.env` themselves.
 */
export interface ModelSettings {
  /** `MODEL_ID`: a hub id (`Xenova/detr-resnet-50`), a folder name under `modelsDir`, or a path. */
  modelId: string;
  /** `LSML_MODELS_DIR`: folders laid out as `<dir>/<model id>/config.json`, searched before the hub. */
  modelsDir: string | undefined;
  /** `LSML_OFFLINE=1`: never download; a model missing locally is a startup error. */
  offline: boolean;
  /**
   * `LSML_CACHE_DIR`, else `$HF_HOME/transformers.js`, else `./.lsml-cache/transformers`: downloads land
   * here. Core's task data cache uses the `task-data/` subfolder of `LSML_CACHE_DIR`, apart from the models.
   */
  cacheDir: string;
  /** `LSML_DTYPE`: weights variant (`fp32`, `q8`, `fp16`, …). Default fp32, the Node default. */
  dtype: string | undefined;
  /** `LSML_ORT_THREADS`: ONNX Runtime threads per inference; unset lets ORT use every core. */
  threads: number | undefined;
  /** `LSML_INFERENCE_BATCH`: most images per model call. Default 8. */
  batchSize: number;
  /** `LSML_INFERENCE_CONCURRENCY`: most model calls running at once. Default 1 (ORT already uses all cores). */
  concurrency: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number;
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: undefined): number | undefined;
function positiveInt(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number | undefined,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new LsmlError('VALIDATION_FAILED', `${name}="${raw}" must be a whole number ≥ 1`);
  return value;
}

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.LSML_CACHE_DIR) return resolve(env.LSML_CACHE_DIR);
  // HF_HOME is where Hugging Face tools keep their caches; transformers.js gets its own folder
  // there because its layout differs from Python's `hub/`.
  if (env.HF_HOME) return join(resolve(env.HF_HOME), 'transformers.js');
  // transformers.js would default to a folder inside node_modules, which is read-only in Docker.
  return join(process.cwd(), '.lsml-cache', 'transformers');
}

/**
 * Reads {@link ModelSettings} from the environment.
 *
 * @example
 * const settings = modelSettingsFromEnv('Xenova/detr-resnet-50'); // MODEL_ID overrides the id
 */
export function modelSettingsFromEnv(
  defaultModelId: string,
  env: NodeJS.ProcessEnv = process.env,
): ModelSettings {
  const modelsDir = env.LSML_MODELS_DIR?.trim();
  return {
    modelId: env.MODEL_ID?.trim() || defaultModelId,
    modelsDir: modelsDir ? resolve(modelsDir) : undefined,
    offline: ['1', 'true', 'yes'].includes((env.LSML_OFFLINE ?? '').toLowerCase()),
    cacheDir: defaultCacheDir(env),
    dtype: env.LSML_DTYPE?.trim() || undefined,
    threads: positiveInt(env, 'LSML_ORT_THREADS', undefined),
    batchSize: positiveInt(env, 'LSML_INFERENCE_BATCH', 8),
    concurrency: positiveInt(env, 'LSML_INFERENCE_CONCURRENCY', 1),
  };
}

/** True when `modelId` is a filesystem path rather than a hub id or a folder name. */
export function isModelPath(modelId: string): boolean {
  return isAbsolute(modelId) || modelId.startsWith('./') || modelId.startsWith('../');
}
