import {
  defaultTinyModelsRoot,
  ensureTinyModels,
  type EnsureOptions,
} from './ensure-tiny-models.js';
import type { TinyModelKind } from './tiny-model-kinds.js';

/** The environment an lsml example reads to load a model offline from a local folder. */
export interface TinyModelEnv {
  /** transformers.js `env.localModelPath`. */
  LSML_MODELS_DIR: string;
  /** The model id under it: the kind. */
  MODEL_ID: TinyModelKind;
  /** Never reach for the hub. */
  LSML_OFFLINE: '1';
}

/**
 * Ensures the tiny models exist and returns the env that points an example at one of them.
 *
 * @example
 * const env = await tinyModelEnv('detr');
 * const app = createApp({ env: { ...process.env, ...env } });
 */
export async function tinyModelEnv(
  kind: TinyModelKind,
  rootDir: string = defaultTinyModelsRoot(),
  options: EnsureOptions = {},
): Promise<TinyModelEnv> {
  const { modelsDir } = await ensureTinyModels(rootDir, options);
  return { LSML_MODELS_DIR: modelsDir, MODEL_ID: kind, LSML_OFFLINE: '1' };
}
