import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env as transformersEnv, LogLevel } from '@huggingface/transformers';
import { ensureTinyModels, type TinyModelKind } from '@lsml/tiny-models';

/** Environment that points an example at a tiny generated model, offline, in a scratch dir. */
export interface OfflineModel {
  env: Record<string, string>;
  remove: () => Promise<void>;
}

/**
 * The env the transformers.js examples read (`MODEL_ID`, `LSML_MODELS_DIR`, `LSML_OFFLINE` …)
 * for the tiny model `kind`, generated on the spot; any attempt to download fails the run.
 */
export async function offlineModel(kind: TinyModelKind): Promise<OfflineModel> {
  const { modelsDir } = await ensureTinyModels(undefined, { kinds: [kind] });
  const scratch = await mkdtemp(join(tmpdir(), `editor-${kind}-`));
  transformersEnv.logLevel = LogLevel.ERROR;
  transformersEnv.fetch = () => {
    throw new Error('the editor suite must not touch the network');
  };
  return {
    env: {
      LSML_MODELS_DIR: modelsDir,
      MODEL_ID: kind,
      LSML_OFFLINE: '1',
      LSML_ORT_THREADS: '1',
      LSML_CACHE_DIR: join(scratch, 'cache'),
    },
    remove: () => rm(scratch, { recursive: true, force: true }),
  };
}
