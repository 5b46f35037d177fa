import type { HistogramSeries, Metrics } from '../../observability/metrics.js';

/** Per route: requests a minute and latency percentiles over the recent window. */
export interface RouteTraffic {
  route: string;
  method: string;
  /** Requests since the process started. */
  total: number;
  /** Requests a minute over the window (since start when younger). */
  perMinute: number;
  /** Seconds; `null` without requests in the window. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

interface Sample {
  at: number;
  series: Map<string, HistogramSeries>;
}

const WINDOW_MS = 5 * 60_000;

/**
 * Rates and percentiles from the latency histogram: each call keeps a snapshot, and figures
 * are the difference between now and the oldest snapshot within the last five minutes. No
 * timer: the status page's polling is what takes the samples.
 */
export class RequestRates {
  private samples: Sample[] = [];
  private readonly startedAt = Date.now();

  constructor(private readonly metrics: Metrics) {
    // The first window starts with the process (or the app), not with the first page view.
    this.samples.push({ at: this.startedAt, series: merged(metrics.latency.snapshot()) });
  }

  traffic(now = Date.now()): RouteTraffic[] {
    const current = merged(this.metrics.latency.snapshot());
    this.samples = this.samples.filter((s) => now - s.at <= WINDOW_MS);
    const base = this.samples[0];
    this.samples.push({ at: now, series: current });
    const bounds = this.metrics.latency.bounds;
    const minutes = Math.max(1 / 60, (now - (base?.at ?? this.startedAt)) / 60_000);
    return [...current]
      .map(([key, s]) => {
        const before = base?.series.get(key);
        const count = s.count - (before?.count ?? 0);
        const buckets = s.buckets.map((b, i) => b - (before?.buckets[i] ?? 0));
        const [method = '', route = ''] = key.split(' ');
        return {
          route,
          method,
          total: s.count,
          perMinute: count / minutes,
          p50: percentile(buckets, count, bounds, 0.5),
          p95: percentile(buckets, count, bounds, 0.95),
          p99: percentile(buckets, count, bounds, 0.99),
        };
      })
      .sort((a, b) => b.total - a.total);
  }
}

/** Statuses summed: the page shows a route's traffic, not one line per status code. */
function merged(series: HistogramSeries[]): Map<string, HistogramSeries> {
  const out = new Map<string, HistogramSeries>();
  for (const s of series) {
    const key = `${s.labels.method ?? ''} ${s.labels.route ?? ''}`;
    const into = out.get(key);
    if (!into) out.set(key, { ...s, buckets: [...s.buckets] });
    else {
      into.count += s.count;
      into.sum += s.sum;
      s.buckets.forEach((b, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + b));
    }
  }
  return out;
}

/**
 * The q-quantile from cumulative bucket counts, interpolated linearly inside its bucket (as
 * Prometheus' histogram_quantile does); the last finite bound when it falls past them.
 */
export function percentile(
  buckets: readonly number[],
  count: number,
  bounds: readonly number[],
  q: number,
): number | null {
  if (count <= 0) return null;
  const rank = q * count;
  for (let i = 0; i < bounds.length; i++) {
    const upTo = buckets[i] ?? 0;
    if (upTo >= rank) {
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const below = i === 0 ? 0 : (buckets[i - 1] ?? 0);
      const inBucket = upTo - below;
      const fraction = inBucket > 0 ? (rank - below) / inBucket : 1;
      return lower + ((bounds[i] ?? lower) - lower) * fraction;
    }
  }
  return bounds[bounds.length - 1] ?? null;
}
