import type { ProjectId, RegionResult } from '../contract/types.js';

/** A prediction as the log keeps it: what acceptance needs, nothing more. */
export interface RecordedPrediction {
  task: string;
  modelVersion: string;
  /** When it was recorded (ms since the epoch). */
  at: number;
  /**
   * The results acceptance compares, as JSON text ({@link serializeResults}). Text, not
   * objects: `/predict` serializes each answer once as it records it, so the log holds one flat
   * string per task rather than keeping the answer's objects alive after the request (thousands
   * of small objects surviving each collection cost the garbage collector more than the
   * serialization does), and the stores write it as is.
   */
  resultsJson: string;
}

/** How much the log keeps per project; the oldest entries go first. */
export interface PredictionLogBounds {
  /** `LSML_PREDICTION_LOG_MAX`: entries (one per task) kept per project. */
  maxEntries: number;
  /** `LSML_PREDICTION_LOG_DAYS`: entries older than this are dropped. */
  maxDays: number;
}

/**
 * The predictions served, one per task (the newest), until an annotation judges them, plus
 * the project's acceptance counters. Files in dev mode, Redis in production: every replica
 * records into and judges against the same log.
 */
export interface PredictionLog {
  /**
   * Records the newest prediction per task (replacing an older one), counts it under its
   * version, and drops entries past the bounds.
   */
  record(project: ProjectId, entries: RecordedPrediction[]): Promise<void>;
  /**
   * The task's recorded prediction if no annotation judged it yet, marked judged in the same
   * step (two replicas receiving the same annotation judge it once); else undefined.
   */
  claim(project: ProjectId, task: string): Promise<RecordedPrediction | undefined>;
  /** Adds to the project's acceptance counters (see `analytics/acceptance-counters.ts`). */
  add(project: ProjectId, counters: Record<string, number>): Promise<void>;
  /** The project's acceptance counters. */
  counters(project: ProjectId): Promise<Record<string, number>>;
  /** Writes what is buffered (dev) and stops. */
  close(): Promise<void>;
}

/** A prediction's results as the log keeps them: only what acceptance compares, as JSON. */
export function serializeResults(results: readonly RegionResult[]): string {
  return JSON.stringify(results.map(compactResult));
}

/** Only the fields acceptance compares: scores, readonly flags and the like are left out. */
function compactResult(r: RegionResult): RegionResult {
  const out: RegionResult = {
    from_name: r.from_name,
    to_name: r.to_name,
    type: r.type,
    value: r.value,
  };
  if (r.id !== undefined) out.id = r.id;
  if (r.original_width !== undefined) out.original_width = r.original_width;
  if (r.original_height !== undefined) out.original_height = r.original_height;
  return out;
}
