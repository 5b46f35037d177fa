import { relative, resolve } from 'node:path';
import type { LabeledTask } from '@lsml/core';
import { loadBackend } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { offlineRuntime } from '../backend/offline-runtime.js';
import { readLabelConfig } from '../backend/read-label-config.js';
import { CLIError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { formatCount } from '../progress/format.js';
import { labeledTaskFrom } from '../tasks/labeled-task.js';
import { readTasks } from '../tasks/read-tasks.js';

export const train = defineCommand({
  name: 'train',
  description: 'Train offline from a Label Studio export and store a new model version',
  args: {
    backend: { type: 'string', description: 'Backend directory', required: true, valueHint: 'dir' },
    annotations: {
      type: 'string',
      description: 'Label Studio export with annotations (JSON array or JSONL)',
      required: true,
      valueHint: 'export.json',
    },
    config: {
      type: 'string',
      description: 'Label config XML (default: the one stored for the project)',
      valueHint: 'config.xml',
    },
    project: {
      type: 'string',
      description: 'Project id to train',
      default: 'default',
      valueHint: 'id',
    },
    'model-dir': {
      type: 'string',
      description: 'Model store (env MODEL_DIR, default <backend>/models)',
      valueHint: 'path',
    },
    'log-level': {
      type: 'string',
      description: 'Backend logs on stderr (default warn)',
      valueHint: 'level',
    },
    debug: { type: 'boolean', description: 'Stack traces on errors' },
  },
  notes: [
    "The export's labeled tasks (newest non-cancelled annotation each) replace the project's",
    'training set, then fit() runs once. A server using the same model dir serves the new version',
    'from its next /setup (Label Studio calls it before every batch of predictions).',
  ].join('\n'),
  async run({ args, io }) {
    const labelConfig = await readLabelConfig(args.config, io.cwd);
    const source = await readTasks(resolve(io.cwd, args.annotations));
    const loaded = await loadBackend(args.backend, io.cwd);
    if (!loaded.backend.fit) {
      throw new CLIError(
        'NOTHING_TO_TRAIN',
        `${loaded.backend.name} does not train: its backend has no fit()`,
        'add fit(ctx) to the backend in src/model.ts',
      );
    }
    const items: LabeledTask[] = [];
    let tasks = 0;
    for await (const item of source) {
      tasks++;
      const labeled = labeledTaskFrom(item.value, item.ordinal);
      if (labeled) items.push(labeled);
    }
    if (items.length === 0) {
      throw new CLIError(
        'NOTHING_TO_TRAIN',
        `${args.annotations} has no annotated tasks (${formatCount(tasks)} tasks, none with an annotation)`,
        'export from Label Studio with annotations (Project → Export → JSON), after labeling some tasks',
      );
    }
    const modelDir = resolveModelDir(args['model-dir'], io.env, io.cwd, loaded.pkg.dir);
    const runtime = await offlineRuntime(loaded, {
      env: io.env,
      modelDir,
      level: args['log-level'] ?? 'warn',
      logTo: io.stderr,
    });
    try {
      if (labelConfig !== undefined) await runtime.labelInterface(args.project, labelConfig);
      await runtime.trainingData.replace(args.project, items);
      io.stderr.write(
        `train: ${formatCount(items.length)} annotated tasks of ${formatCount(tasks)}; fitting ${loaded.backend.name}…\n`,
      );
      const started = Date.now();
      const outcome = await runtime.train(
        args.project,
        { action: 'START_TRAINING', project: args.project },
        { signal: io.signal },
      );
      const skipped = outcome.skippedCount ?? 0;
      if (skipped > 0) {
        const first = outcome.skipped?.[0];
        io.stderr.write(
          `train: left out ${formatCount(skipped)} example(s) it could not use${first ? `, e.g. task ${String(first.task)}: ${first.reason}` : ''}\n`,
        );
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (outcome.status === 'skipped') {
        io.stderr.write(
          `train: skipped after ${seconds}s: ${outcome.reason ?? 'no reason given'}\n`,
        );
        return 1;
      }
      const metrics = Object.entries(outcome.metrics ?? {})
        .map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`)
        .join(' ');
      io.stdout.write(`${outcome.version ?? ''}\n`);
      io.stderr.write(
        `train: stored ${outcome.version ?? 'a new version'} (project ${args.project}, ${formatCount(outcome.trainingSetSize ?? items.length)} examples, ${seconds}s${metrics ? `, ${metrics}` : ''}) in ${relative(io.cwd, modelDir) || '.'}\n`,
      );
      return 0;
    } finally {
      runtime.close();
    }
  },
});
