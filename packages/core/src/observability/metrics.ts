/**
 * A small Prometheus text-format registry: counters, gauges and histograms with labels.
 * lsml needs a handful of series; a dependency-free registry keeps /metrics cheap.
 */
export type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  // On every request's path, several times: values are escaped only when they need it.
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names)
    key += `${key ? ',' : ''}${name}="${escapeLabelValue(labels[name] ?? '')}"`;
  return key;
}

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

abstract class Series {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: 'counter' | 'gauge' | 'histogram',
  ) {}
  abstract lines(): string[];
  render(): string {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} ${this.kind}`,
      ...this.lines(),
    ].join('\n');
  }
}

export class Counter extends Series {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels: { ...labels }, value: by });
  }
  /** Every series with its labels (the status page reads them). */
  snapshot(): { labels: Labels; value: number }[] {
    return [...this.values.values()].map((e) => ({ labels: e.labels, value: e.value }));
  }
  lines(): string[] {
    return [...this.values].map(([k, e]) => `${this.name}${k ? `{${k}}` : ''} ${e.value}`);
  }
}

export class Gauge extends Series {
  private readonly values = new Map<string, number>();
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), value);
  }
  /** Drops every series whose labels include `match` (e.g. the old version of a project). */
  clear(match: Labels): void {
    const fragment = labelKey(match);
    for (const key of this.values.keys()) if (key.includes(fragment)) this.values.delete(key);
  }
  lines(): string[] {
    return [...this.values].map(([k, v]) => `${this.name}${k ? `{${k}}` : ''} ${v}`);
  }
}

/** One histogram series: cumulative counts per bucket bound (`le`). */
export interface HistogramSeries {
  labels: Labels;
  buckets: number[];
  sum: number;
  count: number;
}

export class Histogram extends Series {
  private readonly series = new Map<string, HistogramSeries>();
  constructor(
    name: string,
    help: string,
    readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  /** Copies of every series (the status page reads them). */
  snapshot(): HistogramSeries[] {
    return [...this.series.values()].map((s) => ({ ...s, buckets: [...s.buckets] }));
  }
  observe(labels: Labels, value: number): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.bounds.length; i++)
      if (value <= (this.bounds[i] ?? Infinity)) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    s.sum += value;
    s.count += 1;
  }
  lines(): string[] {
    const out: string[] = [];
    for (const [k, s] of this.series) {
      const sep = k ? `${k},` : '';
      this.bounds.forEach((b, i) =>
        out.push(`${this.name}_bucket{${sep}le="${b}"} ${s.buckets[i] ?? 0}`),
      );
      out.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      out.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      out.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return out;
  }
}

/** The series lsml exports on GET /metrics. */
export class Metrics {
  readonly requests = new Counter(
    'lsml_http_requests_total',
    'HTTP requests by method, route and status',
  );
  readonly latency = new Histogram(
    'lsml_http_request_duration_seconds',
    'HTTP request latency by method, route and status',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 100],
  );
  readonly tasksPredicted = new Counter(
    'lsml_tasks_predicted_total',
    'Tasks that received a prediction',
  );
  readonly predictErrors = new Counter(
    'lsml_predict_errors_total',
    'Failed /predict calls and dropped invalid results',
  );
  readonly trainingRuns = new Counter('lsml_training_runs_total', 'Training runs by outcome');
  readonly examplesSkipped = new Counter(
    'lsml_training_examples_skipped_total',
    'Training examples left out of a run (unreadable data, unusable answer)',
  );
  readonly modelVersion = new Gauge(
    'lsml_model_version_info',
    'Current model version per project (value 1)',
  );

  readonly predictionsRecorded = new Counter(
    'lsml_predictions_recorded_total',
    'Predictions recorded for acceptance analytics, by project and model version',
  );
  readonly predictionsUnrecorded = new Counter(
    'lsml_predictions_unrecorded_total',
    'Predictions answered but not recorded for acceptance analytics because recording reached its share of the process time (LSML_PREDICTION_LOG_BUDGET), by project and model version',
  );
  readonly predictionsAnnotated = new Counter(
    'lsml_predictions_annotated_total',
    'Recorded predictions compared with the first annotation of their task',
  );
  readonly predictionOutcomes = new Counter(
    'lsml_prediction_regions_total',
    'Predicted and annotated regions by outcome (kept, edited, removed, added), each counted once',
  );
  readonly predictionLabelOutcomes = new Counter(
    'lsml_prediction_label_regions_total',
    'Regions by label and outcome (a region with two labels counts under both)',
  );
  readonly acceptanceDropped = new Counter(
    'lsml_acceptance_dropped_total',
    'Acceptance batches dropped because the recording queue was full',
  );
  readonly acceptanceErrors = new Counter(
    'lsml_acceptance_errors_total',
    'Acceptance batches the prediction log could not store',
  );

  readonly workerJobs = new Counter(
    'lsml_worker_jobs_total',
    'Training jobs this worker finished, by outcome (completed, failed: an attempt that will be retried counts too)',
  );
  readonly workerJobDuration = new Histogram(
    'lsml_worker_job_duration_seconds',
    'Training job duration in this worker, from start to finish',
    [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
  );
  readonly workerJobProgress = new Gauge(
    'lsml_worker_job_progress',
    'Progress (0..1) of each job this worker is running',
  );

  render(): string {
    return (
      [
        this.requests,
        this.latency,
        this.tasksPredicted,
        this.predictErrors,
        this.trainingRuns,
        this.examplesSkipped,
        this.modelVersion,
        this.predictionsRecorded,
        this.predictionsUnrecorded,
        this.predictionsAnnotated,
        this.predictionOutcomes,
        this.predictionLabelOutcomes,
        this.acceptanceDropped,
        this.acceptanceErrors,
        this.workerJobs,
        this.workerJobDuration,
        this.workerJobProgress,
      ]
        .map((s) => s.render())
        .join('\n') + '\n'
    );
  }

  setModelVersion(project: string, version: string): void {
    this.modelVersion.clear({ project });
    this.modelVersion.set({ project, version }, 1);
  }
}
