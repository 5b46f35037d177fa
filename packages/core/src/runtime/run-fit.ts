import type { DataReader, FitResult } from '../contract/backend.js';
import type { LabelStudioApi } from '../contract/label-studio-api.js';
import type { ProjectId, SkippedExample, TrainingEvent } from '../contract/types.js';
import { bindTaskIds } from '../data/index.js';
import type { Logger } from '../observability/logger.js';
import type { BackendRuntime } from './backend-runtime.js';
import { mapExamples, SkippedExamples } from './fit-examples.js';

/** What a training run ended with, as jobs report it. */
export interface TrainingOutcome {
  status: 'trained' | 'skipped';
  version?: string;
  reason?: string;
  trainingSetSize?: number;
  metrics?: Record<string, number>;
  /** Examples left out (the first 100), with why: an unreadable task never fails the run. */
  skipped?: SkippedExample[];
  /** How many examples were left out in all. */
  skippedCount?: number;
}

/** What the caller of a training run (a trainer, the CLI) hands it. */
export interface TrainingHooks {
  progress?: (fraction: number) => Promise<void>;
  signal?: AbortSignal;
  log?: Logger;
}

/** How many examples `mapExamples` reads at once unless `fit` says otherwise. */
const EXAMPLE_CONCURRENCY = 4;

/**
 * One training run: the training set and the live model in, `fit`, and the new version
 * committed and installed when it trains.
 */
export async function runFit<M>(
  runtime: BackendRuntime<M>,
  project: ProjectId,
  event: TrainingEvent,
  hooks: TrainingHooks & { readData: DataReader; labelStudio: LabelStudioApi },
): Promise<TrainingOutcome> {
  const { backend, metrics, store } = runtime;
  const fit = backend.fit?.bind(backend);
  if (!fit) return { status: 'skipped', reason: `${backend.name} does not train (it has no fit)` };
  const log = hooks.log ?? runtime.log.child({ project });
  const signal = hooks.signal ?? new AbortController().signal;
  const labelInterface = await runtime.labelInterface(project, undefined);
  // A dead process may have left a half-written version behind.
  await store.sweep(project);
  const annotations = await runtime.trainingData.all(project);
  // Another worker may have trained since this process loaded the project: continue from
  // the store's current version, not from a stale copy.
  const live = await runtime.models.refresh(project);
  const skipped = new SkippedExamples(log);
  const started = Date.now();
  let result: FitResult<M>;
  try {
    result = await fit({
      project,
      event,
      labelInterface,
      annotations,
      previous: live.model,
      state: runtime.state(project),
      readData: bindTaskIds(hooks.readData, () => annotations.map((a) => a.task)),
      labelStudio: hooks.labelStudio,
      log,
      progress: hooks.progress ?? (() => Promise.resolve()),
      signal,
      skip: (example, reason) => {
        skipped.add(example, reason);
      },
      mapExamples: (read, options = {}) =>
        mapExamples(options.examples ?? annotations, read, {
          concurrency: options.concurrency ?? EXAMPLE_CONCURRENCY,
          signal,
          skipped,
        }),
    });
  } catch (error) {
    metrics.trainingRuns.inc({ outcome: 'failed' });
    throw error;
  } finally {
    if (skipped.count > 0) metrics.examplesSkipped.inc({}, skipped.count);
  }
  const skippedPart =
    skipped.count > 0 ? { skipped: skipped.listed, skippedCount: skipped.count } : {};
  if (result.status === 'skipped') {
    metrics.trainingRuns.inc({ outcome: 'skipped' });
    log.info({ reason: result.reason }, 'training skipped');
    return { status: 'skipped', reason: result.reason, ...skippedPart };
  }
  const trainingSetSize = result.trainingSetSize ?? annotations.length - skipped.count;
  const info = await store.commit(
    project,
    { trainingSetSize, metrics: result.metrics },
    async (writer) => {
      if (backend.save) await backend.save(result.model, writer);
      else await writer.writeJson('model.json', result.model);
    },
  );
  runtime.models.install(project, info, result.model);
  metrics.trainingRuns.inc({ outcome: 'trained' });
  log.info(
    { version: info.version, trainingSetSize, skipped: skipped.count, ms: Date.now() - started },
    'training finished',
  );
  return {
    status: 'trained',
    version: info.version,
    trainingSetSize,
    ...(result.metrics ? { metrics: result.metrics } : {}),
    ...skippedPart,
  };
}
