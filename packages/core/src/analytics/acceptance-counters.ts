import { OUTCOMES, type RegionOutcome, type ResultComparison } from './types.js';

/**
 * Acceptance is kept as flat counters per project (a Redis hash in production, a JSON object
 * in dev): one field per model version × label × outcome, plus per-version prediction counts.
 * Fields are built and read here only; the stores just add to them.
 */
const SEP = '\u001f';

const PREDICTION_COUNTS = ['recorded', 'annotated', 'pending', 'unrecorded', 'first_seen'] as const;

/**
 * Per version: predictions recorded, judged by an annotation, still waiting for one, and
 * answered but not recorded (recording reached its time budget).
 */
export type PredictionCount = (typeof PREDICTION_COUNTS)[number];

export const counterField = {
  count: (version: string, what: PredictionCount) => ['n', version, what].join(SEP),
  total: (version: string, outcome: RegionOutcome) => ['t', version, outcome].join(SEP),
  label: (version: string, label: string, outcome: RegionOutcome) =>
    ['l', version, label, outcome].join(SEP),
};

/**
 * The counter increments one comparison makes. A region counts once in its version's totals
 * and once under each of its labels; an answer without labels (textarea, rating, number)
 * counts under its control's name.
 */
export function comparisonCounters(
  version: string,
  comparison: ResultComparison,
): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (field: string) => (out[field] = (out[field] ?? 0) + 1);
  for (const region of comparison.regions) {
    add(counterField.total(version, region.outcome));
    const labels = region.labels.length > 0 ? region.labels : [region.control];
    for (const label of labels) add(counterField.label(version, label, region.outcome));
  }
  return out;
}

export type OutcomeCounts = Record<RegionOutcome, number>;

/** Rates over the predicted regions (kept + edited + removed); `null` before any. */
export interface AcceptanceRates {
  /** Kept ÷ predicted regions. */
  acceptance_rate: number | null;
  /** Edited ÷ predicted regions. */
  edit_rate: number | null;
}

export interface LabelAcceptance extends OutcomeCounts, AcceptanceRates {
  label: string;
}

/** What `GET /stats` reports per model version. */
export interface VersionAcceptance extends AcceptanceRates {
  model_version: string;
  /** Predictions recorded for this version (one per task and call; a newer one for a task replaces it). */
  predictions: number;
  /** Recorded predictions an annotation was compared with. */
  annotated: number;
  /** Recorded predictions still in the log without any annotation yet. */
  unannotated: number;
  /**
   * Predictions answered but not recorded: past its share of the process's time
   * (`LSML_PREDICTION_LOG_BUDGET`) recording keeps a random sample of requests, so the rates
   * stay unbiased while the counts cover only the sample.
   */
  unrecorded: number;
  /** When the first prediction of this version was recorded (ISO), if known. */
  first_seen: string | null;
  regions: OutcomeCounts;
  labels: LabelAcceptance[];
}

const zero = (): OutcomeCounts => ({ kept: 0, edited: 0, removed: 0, added: 0 });

function rates(c: OutcomeCounts): AcceptanceRates {
  const predicted = c.kept + c.edited + c.removed;
  return predicted === 0
    ? { acceptance_rate: null, edit_rate: null }
    : { acceptance_rate: c.kept / predicted, edit_rate: c.edited / predicted };
}

/** A project's counters as a report per version, oldest version first. */
export function acceptanceReport(counters: Record<string, number>): VersionAcceptance[] {
  const versions = new Map<
    string,
    {
      counts: Record<PredictionCount, number>;
      totals: OutcomeCounts;
      labels: Map<string, OutcomeCounts>;
    }
  >();
  const of = (version: string) => {
    let v = versions.get(version);
    if (!v) {
      v = {
        counts: { recorded: 0, annotated: 0, pending: 0, unrecorded: 0, first_seen: 0 },
        totals: zero(),
        labels: new Map(),
      };
      versions.set(version, v);
    }
    return v;
  };
  const isOutcome = (x: string | undefined): x is RegionOutcome =>
    OUTCOMES.includes(x as RegionOutcome);
  for (const [field, value] of Object.entries(counters)) {
    const [kind, version, a, b] = field.split(SEP);
    if (version === undefined || !Number.isFinite(value)) continue;
    if (kind === 'n' && a !== undefined && (PREDICTION_COUNTS as readonly string[]).includes(a))
      of(version).counts[a as PredictionCount] = value;
    else if (kind === 't' && isOutcome(a)) of(version).totals[a] = value;
    else if (kind === 'l' && a !== undefined && isOutcome(b)) {
      const labels = of(version).labels;
      const counts = labels.get(a) ?? zero();
      counts[b] = value;
      labels.set(a, counts);
    }
  }
  return [...versions]
    .map(([version, v]) => ({
      model_version: version,
      predictions: v.counts.recorded,
      annotated: v.counts.annotated,
      unannotated: Math.max(0, v.counts.pending),
      unrecorded: v.counts.unrecorded,
      first_seen: v.counts.first_seen > 0 ? new Date(v.counts.first_seen).toISOString() : null,
      regions: v.totals,
      ...rates(v.totals),
      labels: [...v.labels]
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([label, counts]) => ({ label, ...counts, ...rates(counts) })),
    }))
    .sort(
      (x, y) =>
        (x.first_seen ?? '').localeCompare(y.first_seen ?? '') ||
        x.model_version.localeCompare(y.model_version),
    );
}
