import { CLIError } from '../cli-error.js';
import { defineCommand, integerArg } from '../command.js';
import {
  backendTargetArgs,
  inProcessArgs,
  labelStudioArgs,
} from '../label-studio/connection-args.js';
import { prelabelProject } from '../label-studio/prelabel-command.js';
import { predictExport } from '../predict/predict-export.js';

export const predict = defineCommand({
  name: 'predict',
  description: 'Pre-label: a whole Label Studio project through its API, or an export file offline',
  args: {
    ...labelStudioArgs,
    project: {
      type: 'string',
      description:
        'Label Studio project id (with --tasks: the project whose model predicts, default "default")',
      valueHint: 'id',
    },
    ...backendTargetArgs,
    tasks: {
      type: 'string',
      description:
        'Offline: a Label Studio export to label (JSON array or JSONL) instead of a project',
      valueHint: 'export.json|.jsonl',
    },
    config: {
      type: 'string',
      description: 'With --tasks: label config XML (default: the one stored for the project)',
      valueHint: 'config.xml',
    },
    out: {
      type: 'string',
      description: 'With --tasks or --dry-run: the output file',
      default: 'predictions.json',
      valueHint: 'file',
    },
    'dry-run': {
      type: 'boolean',
      description: 'Project mode: write the predictions to --out instead of posting them',
    },
    batch: { type: 'string', description: 'Tasks per predict call', default: '64', valueHint: 'n' },
    concurrency: {
      type: 'string',
      description: 'Project mode: batches in flight at once',
      default: '2',
      valueHint: 'n',
    },
    ...inProcessArgs,
    debug: { type: 'boolean', description: 'Stack traces on errors' },
  },
  notes: [
    'A Label Studio project (pre-labeling in the background, resumable):',
    '  lsml predict --label-studio http://localhost:8080 --api-key KEY --project 3 --backend ./my_backend',
    '  lsml predict --label-studio … --api-key … --project 3 --url http://localhost:9090',
    '  Tasks that already hold a prediction of the model version are skipped: Ctrl-C, then the same',
    '  command again, resumes. Failures are counted and reported per task.',
    'An export file, offline (the output is imported in Label Studio: Project → Import):',
    '  lsml predict --backend ./my_backend --tasks export.json --config config.xml --out out.json',
    '  The export is streamed: memory stays flat however many tasks it holds.',
    'Either way, after 50 failures in a row with none labeled, the run stops.',
  ].join('\n'),
  async run({ args, io }) {
    const batchSize = integerArg(args.batch, 'batch', { min: 1, max: 100_000 }) ?? 64;
    if (args.tasks !== undefined) {
      if (args.backend === undefined)
        throw new CLIError(
          'BAD_ARGS',
          'Missing --backend',
          'with --tasks, predict runs a backend directory offline',
        );
      if (args.url !== undefined || args['dry-run'] || args['label-studio'] !== undefined)
        throw new CLIError(
          'BAD_ARGS',
          '--tasks labels a file offline: --url, --label-studio and --dry-run are for a Label Studio project',
          'drop --tasks to pre-label the project itself',
        );
      return predictExport(
        {
          ...args,
          backend: args.backend,
          tasks: args.tasks,
          project: args.project ?? 'default',
          batchSize,
        },
        io,
      );
    }
    const concurrency = integerArg(args.concurrency, 'concurrency', { min: 1, max: 64 }) ?? 2;
    return prelabelProject({ ...args, batchSize, concurrency }, io);
  },
});
