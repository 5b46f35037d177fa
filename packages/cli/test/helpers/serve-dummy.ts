import { join } from 'node:path';
import { serve, type RunningServer, type ServeOptions } from '@lsml/core';
import { loadBackend } from '../../src/backend/load-backend.js';
import { dummyDir } from './paths.js';

/** The dummy example served over a real socket on 127.0.0.1, models under `dir`. */
export async function serveDummy(
  dir: string,
  options: ServeOptions = {},
): Promise<RunningServer<unknown> & { url: string }> {
  const { backend } = await loadBackend(dummyDir, dir);
  const server = await serve(backend, {
    env: {},
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    modelDir: join(dir, 'models-served'),
    logLevel: 'silent',
    ...options,
  });
  return Object.assign(server, { url: `http://127.0.0.1:${server.port}` });
}
