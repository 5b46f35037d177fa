import {
  configFromEnv,
  createService,
  isLsmlError,
  type LsmlConfig,
  type TaskDataResolver,
} from '@lsml/core';
import { pino } from 'pino';
import { loadBackend } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { CLIError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { BackendHttp, type BasicCredentials } from '../label-studio/backend-http.js';

/** The backend the doctor checks, spoken to over HTTP either way. */
export interface BackendUnderTest {
  /** Requests with the credentials Label Studio should send (when known). */
  http: BackendHttp;
  /** The basic auth user the backend takes (its BASIC_AUTH_USER, or --basic-auth-user), when known. */
  user: string | undefined;
  /** The URL given with --url; undefined for a directory served in-process. */
  url: string | undefined;
  /** Its own settings, when it runs here (--backend): auth, webhook secret, task data. */
  config: LsmlConfig | undefined;
  /** How it reads task data, when it runs here: its runtime's resolver (the code path of `readData`). */
  resolver: TaskDataResolver | undefined;
  /** Why it could not start, if it could not (its `init` failed). */
  startError: string | undefined;
  close(): Promise<void>;
}

/** A backend at a URL (lsml or not): the doctor only speaks HTTP to it. */
export function remoteBackend(
  url: string,
  credentials: BasicCredentials | undefined,
): BackendUnderTest {
  return {
    http: BackendHttp.remote(url, credentials),
    user: credentials?.user,
    url,
    config: undefined,
    resolver: undefined,
    startError: undefined,
    close: () => Promise.resolve(),
  };
}

/**
 * The backend in `dir`, served in-process with the settings its environment gives it (as
 * `lsml start` would, in dev mode so no Redis is needed, and with strict validation so a bad
 * prediction is named rather than dropped). Requests go through its Hono app, not a socket.
 */
export async function inProcessBackend(
  dir: string,
  flags: { 'model-dir': string | undefined; 'log-level': string | undefined },
  io: CliIo,
): Promise<BackendUnderTest> {
  const loaded = await loadBackend(dir, io.cwd);
  let config: LsmlConfig;
  try {
    config = configFromEnv(io.env, {
      mode: 'dev',
      validation: 'strict',
      modelDir: resolveModelDir(flags['model-dir'], io.env, io.cwd, loaded.pkg.dir),
    });
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    throw new CLIError('BAD_ARGS', error.message, 'fix or unset that variable', { cause: error });
  }
  const logger = pino(
    { level: flags['log-level'] ?? 'silent', base: { service: 'lsml' } },
    { write: (line: string) => io.stderr.write(line) },
  );
  const service = createService(loaded.backend, { ...config, logger });
  let startError: string | undefined;
  try {
    await service.runtime.init();
  } catch (error) {
    startError = (error as Error).message.split('\n')[0] ?? String(error);
  }
  const send = (path: string, init: RequestInit) =>
    Promise.resolve(service.app.request(path, init));
  return {
    http: new BackendHttp(send, `${dir} (in-process)`, config.basicAuth),
    user: config.basicAuth?.user,
    url: undefined,
    config,
    resolver: service.runtime.data.resolver,
    startError,
    close: () => service.close(),
  };
}
