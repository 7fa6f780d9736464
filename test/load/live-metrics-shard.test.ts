/** In a sharded run every live series carries the shard's label, so one Prometheus can watch the whole run (issue 12). */
import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_SEC, LiveRunMetrics } from '../../src/load/live-metrics.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

const intervals = syntheticResult({ endpoints: [{ name: 'pay', rps: 50, medianMs: 20, errorRate: 0.1 }], seconds: 2 }).intervals;

describe('LiveRunMetrics with constant labels', () => {
  it.each(['open', 'closed'] as const)('%s model: every sample line starts its labels with shard="2"', (model) => {
    const m = new LiveRunMetrics(model, LATENCY_BUCKETS_SEC, { shard: '2' });
    for (const iv of intervals) m.observe(iv);
    const samples = m.render().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(10);
    for (const l of samples) expect(l).toMatch(/^capplan_[a-z_]+\{shard="2"(,[a-z]+="[^"]*")*\} \S+$/);
    expect(samples).toContain('capplan_requests_total{shard="2",endpoint="pay",outcome="ok"} ' + intervals.reduce((a, iv) => a + iv.endpoints.pay.ok, 0));
  });

  it('without labels the series are as before', () => {
    const m = new LiveRunMetrics('open');
    for (const iv of intervals) m.observe(iv);
    expect(m.render()).toContain('capplan_dropped_total 0\n');
    expect(m.render()).not.toContain('shard=');
  });
});
