import type { BackendRuntime } from '@lsml/core';
import { loadBackend } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { offlineRuntime } from '../backend/offline-runtime.js';
import type { CliIo } from '../io.js';

/**
 * The backend at `dir`, loaded and started for an offline run: its model store from
 * `--model-dir`, MODEL_DIR or `<dir>/models`, its logs on stderr at `logLevel` (default silent).
 */
export async function openBackend(
  dir: string,
  flags: { 'model-dir': string | undefined; 'log-level': string | undefined },
  io: CliIo,
): Promise<BackendRuntime<unknown>> {
  const loaded = await loadBackend(dir, io.cwd);
  return offlineRuntime(loaded, {
    env: io.env,
    modelDir: resolveModelDir(flags['model-dir'], io.env, io.cwd, loaded.pkg.dir),
    level: flags['log-level'] ?? 'silent',
    logTo: io.stderr,
  });
}
