import { ModelStore, configFromEnv } from '@lsml/core';
import type { CliIo } from '../io.js';
import { findBackendPackage } from './backend-package.js';
import { resolveModelDir } from './model-dir.js';

/**
 * The model store of a backend, without importing the backend: version labels are stored in
 * each version's metadata, so listing and rolling back need only the directory. The keep count
 * (`LSML_KEEP_VERSIONS`) is the server's, for the listing to say what a commit keeps.
 */
export async function openStore(
  args: { backend: string | undefined; 'model-dir': string | undefined },
  io: CliIo,
): Promise<ModelStore> {
  const dir =
    (args['model-dir'] ?? io.env.MODEL_DIR)
      ? resolveModelDir(args['model-dir'], io.env, io.cwd, io.cwd)
      : resolveModelDir(
          undefined,
          io.env,
          io.cwd,
          (await findBackendPackage(args.backend, io.cwd)).dir,
        );
  return new ModelStore(dir, '', { keepVersions: configFromEnv(io.env).keepVersions });
}
