import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv, LogLevel } from '@huggingface/transformers';
import { ensureTinyModels, type TinyModelKind } from '@lsml/tiny-models';
import { modelSettingsFromEnv, type ModelSettings } from '@lsml/transformers';

export type { TinyModelKind };

/**
 * A tiny generated model (tools/tiny-models) ready for a transformers.js example, offline.
 *
 * @example
 * const model = await useTinyModel('detr');
 * const detector = createObjectDetector({ env: model.env });
 * // …
 * await model.remove();
 */
export interface TinyModel {
  /**
   * The variables the examples read: `LSML_MODELS_DIR` and `MODEL_ID` (the kind) point at the
   * model, `LSML_OFFLINE=1`, `LSML_ORT_THREADS=1`, `LSML_CACHE_DIR` a scratch folder, plus the
   * `vars` given.
   */
  env: Record<string, string>;
  /** The same as `@lsml/transformers` settings, for factories that take them. */
  settings: ModelSettings;
  /** Removes the scratch folder (the generated models are shared and stay). */
  remove(): Promise<void>;
}

/**
 * Generates (once; later calls reuse the files) the tiny model `kind` and returns the settings
 * that load it, with transformers.js made offline for the whole process: its log quiet, and
 * any attempt to download failing the test instead of reaching the network.
 *
 * @example
 * const model = await useTinyModel('gpt2', { NUM_RESPONSES: '2', SEED: '7' });
 * const backend = createGpt2Chat({ env: model.env });
 */
export async function useTinyModel(
  kind: TinyModelKind,
  vars: Record<string, string> = {},
): Promise<TinyModel> {
  const { modelsDir } = await ensureTinyModels(undefined, { kinds: [kind] });
  const scratch = await mkdtemp(join(tmpdir(), `lsml-${kind}-`));
  transformersEnv.logLevel = LogLevel.ERROR;
  transformersEnv.fetch = () => {
    throw new Error(`tests run offline: transformers.js tried to download (model "${kind}")`);
  };
  const env = {
    LSML_MODELS_DIR: modelsDir,
    MODEL_ID: kind,
    LSML_OFFLINE: '1',
    LSML_ORT_THREADS: '1',
    LSML_CACHE_DIR: join(scratch, 'cache'),
    ...vars,
  };
  return {
    env,
    settings: modelSettingsFromEnv(kind, env),
    remove: () => rm(scratch, { recursive: true, force: true }),
  };
}
