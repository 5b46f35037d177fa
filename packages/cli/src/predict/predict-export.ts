import { createWriteStream } from 'node:fs';
import { relative, resolve } from 'node:path';
import { noLabelConfigError, readLabelConfig } from '../backend/read-label-config.js';
import { CLIError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { failureReporter } from '../progress/failure-reporter.js';
import { formatCount } from '../progress/format.js';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { JsonArrayWriter } from '../tasks/json-array-writer.js';
import { readTasks } from '../tasks/read-tasks.js';
import { openBackend } from './open-backend.js';
import { autoLabel, GIVE_UP_AFTER, type AutoLabelSummary } from './auto-label.js';
import { setupProject } from './setup-project.js';
import { summaryLine } from './summary-line.js';

/** The flags `lsml predict` takes in file mode. */
export interface ExportFlags {
  backend: string;
  tasks: string;
  config: string | undefined;
  out: string;
  project: string;
  'model-dir': string | undefined;
  'log-level': string | undefined;
  batchSize: number;
}

/**
 * `lsml predict --tasks export.json`: labels a Label Studio export offline, streaming it, into a
 * file of tasks with predictions to import. Exit 0 when done, 130 when interrupted.
 */
export async function predictExport(args: ExportFlags, io: CliIo): Promise<number> {
  const labelConfig = await readLabelConfig(args.config, io.cwd);
  const source = await readTasks(resolve(io.cwd, args.tasks));
  const runtime = await openBackend(args.backend, args, io);
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
        batchSize: args.batchSize,
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
}
