import { createService, optionsFromEnv, type LsmlService } from '@lsml/core';
import { pino } from 'pino';
import type { OutputStream } from '../io.js';
import type { LoadedBackend } from './load-backend.js';

/**
 * The backend wired as the server would be, for offline commands (predict, train): the same
 * routes and runtime, logs as JSON lines on `logTo` (stderr) at `level`.
 */
export function offlineService(
  loaded: LoadedBackend,
  {
    env,
    modelDir,
    level,
    logTo,
  }: { env: NodeJS.ProcessEnv; modelDir: string; level: string; logTo: OutputStream },
): LsmlService<unknown> {
  const fromEnv = optionsFromEnv(env);
  return createService(loaded.backend, {
    ...fromEnv,
    // Offline output is imported into Label Studio: an invalid prediction fails its task
    // (reported by id) instead of being silently dropped, unless LSML_VALIDATION says otherwise.
    validation: env.LSML_VALIDATION === 'lenient' ? 'lenient' : 'strict',
    basicAuth: undefined,
    // Offline runs keep training data in the model dir and train in-process, never on Redis.
    mode: 'dev',
    trainer: undefined,
    modelDir,
    logger: pino(
      { level, base: { service: 'lsml' } },
      { write: (line: string) => logTo.write(line) },
    ),
  });
}
