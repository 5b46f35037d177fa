import {
  acceptanceReport,
  compareResults,
  counterField,
  comparisonCounters,
  type ResultComparison,
  type VersionAcceptance,
} from '../analytics/index.js';
import type { LabeledTask, Prediction, ProjectId, RegionResult, Task } from '../contract/types.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { throttledWarn } from '../observability/throttled-log.js';
import { serializeResults, type PredictionLog, type RecordedPrediction } from '../store/index.js';
import { RecordingBudget } from './recording-budget.js';

/** Work items waiting to be written; past this, new ones are dropped (and counted). */
const QUEUE_LIMIT = 10_000;
/**
 * How long queued work waits before it is written: the requests of that moment share one
 * write. Nothing waits on it but `/stats` (which waits for what was queued before it).
 */
const GATHER_MS = 20;
/** Predictions written in one call to the log at most (a Redis script blocks while it runs). */
const RECORD_BATCH = 1_000;

type Work =
  | { kind: 'record'; project: ProjectId; entries: RecordedPrediction[] }
  | { kind: 'unrecorded'; project: ProjectId; version: string; count: number }
  | { kind: 'judge'; project: ProjectId; examples: LabeledTask[] };

export interface AcceptanceTrackerOptions {
  /** Keeps recording within a share of the process's time; default: no limit. */
  budget?: RecordingBudget;
  /** Work items waiting to be written at most; default 10,000. */
  queueLimit?: number;
}

/**
 * Acceptance analytics for one process: records what `/predict` answered and judges each
 * annotation against it, off the request path. Calls return at once; a single loop writes to
 * the prediction log in order, so `/predict` never waits for the store and a store failure is
 * logged and counted, never answered to Label Studio.
 */
export class AcceptanceTracker {
  private readonly queue: Work[] = [];
  private draining: Promise<void> = Promise.resolve();
  private running = false;
  private enqueued = 0;
  private done = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];
  private readonly warn: (error: unknown) => void;
  private readonly limit: number;
  private readonly budget: RecordingBudget;

  constructor(
    readonly log: PredictionLog,
    private readonly metrics: Metrics,
    logger: Logger,
    options: AcceptanceTrackerOptions = {},
  ) {
    this.warn = throttledWarn(logger, 'acceptance analytics: could not write the prediction log');
    this.limit = options.queueLimit ?? QUEUE_LIMIT;
    this.budget = options.budget ?? new RecordingBudget(1);
  }

  /**
   * Queues the predictions served for `tasks` (same order) to be recorded, or counts them as
   * unrecorded when the recording budget samples this request out. On the `/predict` path: it
   * serializes what acceptance compares and returns; the store is written later.
   *
   * @param versions the model version of every prediction (the live one, the rule), or one per
   *   prediction when the backend named its own: the caller knows, so the hot path does not
   *   read it from each prediction.
   */
  recordPredictions(
    project: ProjectId,
    tasks: Task[],
    predictions: Prediction[],
    versions: string | readonly string[],
  ): void {
    // The sampled-out path is kept to a few operations (it runs for most requests of a
    // saturated server); a recorded request is timed and charged to the budget.
    if (!this.budget.admit()) {
      for (const [version, count] of perVersion(versions, tasks.length))
        this.push({ kind: 'unrecorded', project, version, count });
      return;
    }
    const started = performance.now();
    const at = Date.now();
    const entries = tasks.map((task, i) => ({
      task: String(task.id),
      modelVersion: typeof versions === 'string' ? versions : (versions[i] ?? ''),
      at,
      resultsJson: serializeResults(predictions[i]?.result ?? []),
    }));
    if (this.push({ kind: 'record', project, entries }))
      for (const [version, n] of perVersion(versions, tasks.length))
        this.metrics.predictionsRecorded.inc({ project, model_version: version }, n);
    this.budget.charge(performance.now() - started);
  }

  /** Queues the comparison of each annotation with its task's recorded prediction. */
  judgeAnnotations(project: ProjectId, examples: LabeledTask[]): void {
    const usable = examples.filter(
      (e) => e.annotation.was_cancelled !== true && Array.isArray(e.annotation.result),
    );
    if (usable.length > 0) this.push({ kind: 'judge', project, examples: usable });
  }

  /**
   * Resolves when everything queued before the call is written (`/stats` reads after it, tests
   * wait on it); work queued later does not hold it up.
   */
  settled(): Promise<void> {
    const upTo = this.enqueued;
    if (this.done >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  /** Resolves when nothing is queued (shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.draining;
  }

  /** The share of `/predict` requests recorded right now (1 unless over the time budget). */
  get samplingRate(): number {
    return this.budget.samplingRate;
  }

  /** The project's acceptance per model version. */
  async report(project: ProjectId): Promise<VersionAcceptance[]> {
    return acceptanceReport(await this.log.counters(project));
  }

  async close(): Promise<void> {
    await this.idle();
    await this.log.close();
  }

  private push(work: Work): boolean {
    if (this.queue.length >= this.limit) {
      this.metrics.acceptanceDropped.inc({ kind: work.kind });
      this.warn(new Error(`the queue is full (${this.limit} batches waiting): batch dropped`));
      return false;
    }
    this.queue.push(work);
    this.enqueued += 1;
    if (!this.running) {
      this.running = true;
      this.draining = this.drain();
    }
    return true;
  }

  private async drain(): Promise<void> {
    try {
      // Starts a moment later: the request that queued the work answers first, and the
      // requests of that moment are written together.
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.queue.length);
        for (const work of merged(batch)) {
          try {
            await this.write(work);
          } catch (error) {
            this.metrics.acceptanceErrors.inc({ kind: work.kind });
            this.warn(error);
          }
        }
        this.done += batch.length;
        const ready = this.waiters.filter((w) => w.upTo <= this.done);
        this.waiters = this.waiters.filter((w) => w.upTo > this.done);
        for (const w of ready) w.resolve();
      }
    } finally {
      // Reset in the same tick as the last look at the queue: work pushed after it starts a
      // new drain instead of waiting for one that has ended.
      this.running = false;
    }
  }

  private async write(work: Work): Promise<void> {
    if (work.kind === 'judge') return this.judge(work.project, work.examples);
    if (work.kind === 'unrecorded') {
      // Counted here rather than per request: under load, requests sampled out in a row are
      // one work item by now.
      this.metrics.predictionsUnrecorded.inc(
        { project: work.project, model_version: work.version },
        work.count,
      );
      return this.log.add(work.project, {
        [counterField.count(work.version, 'unrecorded')]: work.count,
      });
    }
    // The budget is charged for the store's own work: the part done before it waits.
    const started = performance.now();
    const written = this.log.record(work.project, work.entries);
    this.budget.charge(performance.now() - started);
    return written;
  }

  private async judge(project: ProjectId, examples: LabeledTask[]): Promise<void> {
    for (const { task, annotation } of examples) {
      const recorded = await this.log.claim(project, String(task.id));
      if (!recorded) continue;
      const comparison = compareResults(
        JSON.parse(recorded.resultsJson) as RegionResult[],
        annotation.result,
      );
      await this.log.add(project, comparisonCounters(recorded.modelVersion, comparison));
      this.count(project, recorded.modelVersion, comparison);
    }
  }

  private count(project: ProjectId, version: string, comparison: ResultComparison): void {
    const labels = { project, model_version: version };
    this.metrics.predictionsAnnotated.inc(labels);
    for (const region of comparison.regions) {
      this.metrics.predictionOutcomes.inc({ ...labels, outcome: region.outcome });
      for (const label of region.labels.length > 0 ? region.labels : [region.control])
        this.metrics.predictionLabelOutcomes.inc({ ...labels, label, outcome: region.outcome });
    }
  }
}

/**
 * Under load many requests queue their predictions while one write is in flight: consecutive
 * records of a project become one write (up to {@link RECORD_BATCH}), in order with judgements;
 * consecutive unrecorded counts of a version become one.
 */
function merged(batch: Work[]): Work[] {
  const out: Work[] = [];
  for (const work of batch) {
    const last = out.at(-1);
    if (
      work.kind === 'record' &&
      last?.kind === 'record' &&
      last.project === work.project &&
      last.entries.length + work.entries.length <= RECORD_BATCH
    ) {
      last.entries.push(...work.entries);
    } else if (
      work.kind === 'unrecorded' &&
      last?.kind === 'unrecorded' &&
      last.project === work.project &&
      last.version === work.version
    ) {
      last.count += work.count;
    } else if (work.kind === 'unrecorded') {
      out.push({ ...work });
    } else {
      // A copy: merging must not grow the entries array of the work item it came from.
      out.push(work.kind === 'record' ? { ...work, entries: [...work.entries] } : work);
    }
  }
  return out;
}

/** How many of `count` predictions each model version has. */
function perVersion(versions: string | readonly string[], count: number): [string, number][] {
  if (typeof versions === 'string') return count > 0 ? [[versions, count]] : [];
  const counts = new Map<string, number>();
  for (const v of versions.slice(0, count)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts];
}
