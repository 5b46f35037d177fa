import { describe, expect, it } from 'vitest';
import { Metrics } from '../../observability/metrics.js';
import { percentile, RequestRates } from './request-rates.js';

describe('percentile', () => {
  const bounds = [0.1, 0.5, 1];
  it.each([
    // 10 requests all ≤ 0.1 s: the median interpolates to 0.05 s.
    [[10, 10, 10], 10, 0.5, 0.05],
    // 5 under 0.1 s, 5 between 0.1 and 0.5 s: p90 sits 4/5 into the second bucket.
    [[5, 10, 10], 10, 0.9, 0.1 + 0.4 * 0.8],
    // Past every finite bound: the largest bound.
    [[0, 0, 0], 4, 0.5, 1],
  ])('buckets %j of %i, q=%d → %d', (buckets, count, q, expected) => {
    expect(percentile(buckets, count, bounds, q)).toBeCloseTo(expected, 9);
  });

  it('is null without requests', () => {
    expect(percentile([0, 0, 0], 0, bounds, 0.5)).toBeNull();
  });
});

describe('RequestRates', () => {
  it('sums a route over statuses and rates it over its window', () => {
    const metrics = new Metrics();
    const rates = new RequestRates(metrics);
    const start = Date.now();
    metrics.latency.observe({ method: 'POST', route: '/predict', status: '200' }, 0.02);
    metrics.latency.observe({ method: 'POST', route: '/predict', status: '422' }, 0.002);
    const [predict] = rates.traffic(start + 60_000);
    expect(predict).toMatchObject({ method: 'POST', route: '/predict', total: 2 });
    expect(predict?.perMinute).toBeCloseTo(2, 1);
  });
});
