import { configFromEnv, createRuntime, type BackendRuntime } from '@lsml/core';
import { pino } from 'pino';
import { CLIError } from '../cli-error.js';
import type { OutputStream } from '../io.js';
import type { LoadedBackend } from './load-backend.js';

/**
 * The backend's runtime as the server builds it, for offline commands (predict, train): the
 * same predict and train flows, called directly. Logs go as JSON lines to `logTo` (stderr) at
 * `level`. The backend's `init` has run when this resolves.
 */
export async function offlineRuntime(
  loaded: LoadedBackend,
  {
    env,
    modelDir,
    level,
    logTo,
  }: { env: NodeJS.ProcessEnv; modelDir: string; level: string; logTo: OutputStream },
): Promise<BackendRuntime<unknown>> {
  const config = configFromEnv(env, {
    // Offline runs keep training data in the model dir and train in-process, never on Redis.
    mode: 'dev',
    modelDir,
    // Offline output is imported into Label Studio: an invalid prediction fails its task
    // (reported by id) instead of being silently dropped, unless LSML_VALIDATION says otherwise.
    validation: env.LSML_VALIDATION?.trim().toLowerCase() === 'lenient' ? 'lenient' : 'strict',
    basicAuth: undefined,
    // No acceptance recording: a batch run is not what annotators see, and a server sharing the
    // model dir owns its prediction log file (two writers would overwrite each other's).
    predictionLog: { maxEntries: 0, maxDays: 0 },
  });
  const log = pino(
    { level, base: { service: 'lsml' } },
    { write: (line: string) => logTo.write(line) },
  );
  const runtime = createRuntime(loaded.backend, config, { log });
  try {
    await runtime.init();
  } catch (error) {
    runtime.close();
    throw new CLIError(
      'INIT_FAILED',
      `${loaded.backend.name} could not start: ${(error as Error).message.split('\n')[0] ?? ''}`,
      'fix what its init() needs (a model file, a variable), or run with --debug for the stack trace',
      { cause: error },
    );
  }
  return runtime;
}
