import { serve, type RunningServer } from '@lsml/core';
import { relative } from 'node:path';
import { findBackendPackage } from '../backend/backend-package.js';
import { loadBackendFrom } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { runtimeEnv } from '../backend/service-options.js';
import { CLIError } from '../cli-error.js';
import { defineCommand, integerArg } from '../command.js';
import { untilAborted } from '../until-aborted.js';
import { runtimeArgs } from './runtime-args.js';

export const start = defineCommand({
  name: 'start',
  description: 'Serve a backend over HTTP for Label Studio',
  args: {
    dir: { type: 'positional', description: 'Backend directory (default: the current one)' },
    port: {
      type: 'string',
      description: 'Port (env PORT, default 9090)',
      alias: 'p',
      valueHint: 'n',
    },
    host: { type: 'string', description: 'Interface to listen on (env HOST, default 0.0.0.0)' },
    ...runtimeArgs,
  },
  notes:
    'Loads src/model.ts inside the monorepo, dist/model.js elsewhere. Connect it in Label Studio:\nProject → Settings → Model → Connect model → http://<host>:<port>. Stops on Ctrl-C (SIGINT) or SIGTERM.',
  async run({ args, io }) {
    // Flags are checked before the (slow) backend import, so a typo fails at once.
    const pkg = await findBackendPackage(args.dir, io.cwd);
    const modelDir = resolveModelDir(args['model-dir'], io.env, io.cwd, pkg.dir);
    const port = integerArg(args.port ?? io.env.PORT, 'port', { max: 65535 }) ?? 9090;
    const host = args.host ?? io.env.HOST ?? '0.0.0.0';
    const { env, logger } = runtimeEnv(args, io.env);
    const { backend, entry } = await loadBackendFrom(pkg);
    let server: RunningServer<unknown>;
    try {
      server = await serve(backend, { env, logger, modelDir, port, host, handleSignals: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new CLIError(
          'PORT_IN_USE',
          `Port ${port} is already in use`,
          `stop whatever listens there, or pick another port: lsml start ${args.dir ?? '.'} --port ${port + 1}`,
        );
      }
      throw error;
    }
    const shownHost = host === '0.0.0.0' ? 'localhost' : host;
    io.stderr.write(
      `lsml: serving ${backend.name} from ${relative(io.cwd, entry.file) || entry.file} at http://${shownHost}:${server.port} (models in ${relative(io.cwd, modelDir) || '.'})\n`,
    );
    await untilAborted(io.signal);
    await server.shutdown();
    return 0;
  },
});
