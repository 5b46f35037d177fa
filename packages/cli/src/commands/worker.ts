import { runWorker } from '@lsml/core';
import { findBackendPackage } from '../backend/backend-package.js';
import { loadBackendFrom } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { runtimeEnv } from '../backend/service-options.js';
import { defineCommand, integerArg } from '../command.js';
import { untilAborted } from '../until-aborted.js';
import { runtimeArgs } from './runtime-args.js';

const { mode: _mode, ...workerRuntimeArgs } = runtimeArgs;

export const worker = defineCommand({
  name: 'worker',
  description: 'Run a production training worker (Redis queue)',
  args: {
    dir: { type: 'positional', description: 'Backend directory (default: the current one)' },
    concurrency: {
      type: 'string',
      description: 'Projects trained at once (env LSML_WORKER_CONCURRENCY, default 1)',
      valueHint: 'n',
    },
    ...workerRuntimeArgs,
  },
  notes: [
    'Takes the training jobs that API replicas in production mode (`lsml start --mode production`)',
    'queue on Redis (env REDIS_URL, or REDIS_HOST/REDIS_PORT; LSML_QUEUE_PREFIX), runs fit(), and',
    'writes each new version to the shared model store (MODEL_DIR), where every replica picks it up.',
  ].join('\n'),
  async run({ args, io }) {
    const pkg = await findBackendPackage(args.dir, io.cwd);
    const modelDir = resolveModelDir(args['model-dir'], io.env, io.cwd, pkg.dir);
    const { env, logger } = runtimeEnv({ ...args, mode: 'production' }, io.env);
    const concurrency = integerArg(
      args.concurrency ?? io.env.LSML_WORKER_CONCURRENCY,
      'concurrency',
      { min: 1, max: 64 },
    );
    const { backend } = await loadBackendFrom(pkg);
    const running = await runWorker(backend, {
      env,
      logger,
      modelDir,
      workerConcurrency: concurrency,
      handleSignals: false,
    });
    io.stderr.write(
      `lsml: training worker for ${backend.name} running (concurrency ${concurrency ?? 1}); Ctrl-C stops it after the job in flight\n`,
    );
    await untilAborted(io.signal);
    await running.close();
    return 0;
  },
});
