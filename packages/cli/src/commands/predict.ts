import { createWriteStream } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadBackend } from '../backend/load-backend.js';
import { resolveModelDir } from '../backend/model-dir.js';
import { offlineRuntime } from '../backend/offline-runtime.js';
import { noLabelConfigError, readLabelConfig } from '../backend/read-label-config.js';
import { CLIError } from '../cli-error.js';
import { defineCommand, integerArg } from '../command.js';
import { autoLabel, GIVE_UP_AFTER, type AutoLabelSummary } from '../predict/auto-label.js';
import { setupProject } from '../predict/setup-project.js';
import { summaryLine } from '../predict/summary-line.js';
import { failureReporter } from '../progress/failure-reporter.js';
import { formatCount } from '../progress/format.js';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { JsonArrayWriter } from '../tasks/json-array-writer.js';
import { readTasks } from '../tasks/read-tasks.js';

export const predict = defineCommand({
  name: 'predict',
  description: 'Auto-label a Label Studio export offline: tasks in, tasks with predictions out',
  args: {
    backend: { type: 'string', description: 'Backend directory', required: true, valueHint: 'dir' },
    tasks: {
      type: 'string',
      description: 'Label Studio export: a JSON array or JSONL (one task per line)',
      required: true,
      valueHint: 'export.json|.jsonl',
    },
    config: {
      type: 'string',
      description: 'Label config XML (default: the one stored for the project)',
      valueHint: 'config.xml',
    },
    out: {
      type: 'string',
      description: 'Output: tasks with predictions, to import',
      default: 'predictions.json',
      valueHint: 'file',
    },
    batch: { type: 'string', description: 'Tasks per predict call', default: '64', valueHint: 'n' },
    project: {
      type: 'string',
      description: 'Project id whose model version predicts',
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
      description: 'Backend logs on stderr (default silent)',
      valueHint: 'level',
    },
    debug: { type: 'boolean', description: 'Stack traces on errors' },
  },
  notes: [
    'The export is streamed: memory stays flat however many tasks it holds. A task that fails is',
    'reported with its id and skipped; after 50 failures in a row with none labeled, the run stops.',
    'Import the output in Label Studio: Project → Import.',
  ].join('\n'),
  async run({ args, io }) {
    const batchSize = integerArg(args.batch, 'batch', { min: 1, max: 100_000 }) ?? 64;
    const labelConfig = await readLabelConfig(args.config, io.cwd);
    const source = await readTasks(resolve(io.cwd, args.tasks));
    const loaded = await loadBackend(args.backend, io.cwd);
    const modelDir = resolveModelDir(args['model-dir'], io.env, io.cwd, loaded.pkg.dir);
    const runtime = await offlineRuntime(loaded, {
      env: io.env,
      modelDir,
      level: args['log-level'] ?? 'silent',
      logTo: io.stderr,
    });
    try {
      const labelInterface = await runtime.labelInterface(args.project, labelConfig);
      if (!labelInterface) throw noLabelConfigError(args.project);
      await setupProject(
        runtime,
        args.project,
        labelConfig,
        args.config ?? `project ${args.project}`,
      );
      const outPath = resolve(io.cwd, args.out);
      const writer = new JsonArrayWriter(
        createWriteStream(outPath, { highWaterMark: 4 * 1024 * 1024 }),
      );
      const progress = new ProgressReporter(io.stderr, 'predict');
      const snapshot = (tasks: number, failed: number) => ({
        tasks,
        failed,
        bytesRead: source.bytesRead(),
        totalBytes: source.size,
      });
      const report = failureReporter(io.stderr);
      let summary: AutoLabelSummary;
      try {
        summary = await autoLabel({
          runtime,
          items: source,
          project: args.project,
          labelConfig,
          labelInterface,
          batchSize,
          write: (tasks) => writer.write(tasks),
          onFailure: report,
          onBatch: ({ tasks, failed }) => {
            progress.update(snapshot(tasks, failed));
          },
          signal: io.signal,
        });
      } finally {
        // A valid (shorter) array even when reading stops on bad JSON or Ctrl-C.
        await writer.close();
      }
      const seconds = progress.finish(snapshot(summary.tasks, summary.failed));
      io.stderr.write(`${summaryLine(summary, seconds, relative(io.cwd, outPath) || outPath)}\n`);
      if (summary.gaveUp) {
        throw new CLIError(
          'ALL_TASKS_FAILED',
          `Stopped: the first ${formatCount(GIVE_UP_AFTER)} tasks all failed, none was labeled`,
          'see the failures above: the backend or its model cannot label these tasks; fix that and run again',
        );
      }
      if (summary.tasks > 0 && summary.labeled === 0) {
        throw new CLIError(
          'ALL_TASKS_FAILED',
          `None of the ${formatCount(summary.tasks)} tasks could be labeled`,
          'see the first failure above; check that --config matches the data keys of the tasks',
        );
      }
      return summary.interrupted ? 130 : 0;
    } finally {
      runtime.close();
    }
  },
});
