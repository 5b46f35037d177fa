import { env } from '@huggingface/transformers';
import type { ModelSettings } from './model-settings.js';

/**
 * Applies the settings to transformers.js's process-wide `env`. This is the only place in lsml
 * that writes it, so every backend in a process sees one consistent configuration.
 */
export function configureTransformers(settings: ModelSettings): void {
  env.allowLocalModels = true;
  // Also set by resolveModelSource's absolute paths; kept so plain ids resolve the same way.
  if (settings.modelsDir !== undefined) env.localModelPath = `${settings.modelsDir}/`;
  // `local_files_only` is not enough: pipeline() probes files without it (and would fetch).
  env.allowRemoteModels = !settings.offline;
  env.cacheDir = settings.cacheDir;
}

/** ONNX Runtime session options for the configured thread count (none: ORT's defaults). */
export function sessionOptions(
  settings: ModelSettings,
): { intraOpNumThreads: number; interOpNumThreads: number } | undefined {
  return settings.threads === undefined
    ? undefined
    : { intraOpNumThreads: settings.threads, interOpNumThreads: 1 };
}
