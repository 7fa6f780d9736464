import { describe, expect, it } from 'vitest';
import { addToBuckets, LiveRunMetrics, serveLiveMetrics } from '../../src/load/live-metrics.js';
import { encodeHistogram, newLatencyHistogram, nonZeroBuckets, recordUs } from '../../src/results/histogram.js';
import { emptyCounters, type IntervalRecord } from '../../src/results/types.js';
import { parsePrometheusText } from '../../src/monitor/parse.js';

/** One second of one endpoint with the given latencies (ms). */
function second(t: number, latMs: number[], extra: Partial<ReturnType<typeof emptyCounters>> = {}): IntervalRecord {
  const h = newLatencyHistogram();
  for (const ms of latMs) recordUs(h, ms * 1000);
  const data = { ...emptyCounters(), sent: latMs.length, completed: latMs.length, ok: latMs.length, ...extra, latency: encodeHistogram(h), service: encodeHistogram(h) };
  h.destroy();
  return { epochSec: 1_700_000_000 + t, t, targetLevel: 100, activeUsers: 0, endpoints: { 'get item': data } };
}

describe('LiveRunMetrics', () => {
  it('counts by outcome, fills classic buckets from HDR data exactly at bucket edges, and parses as Prometheus text', () => {
    const m = new LiveRunMetrics('open');
    m.observe(second(0, [1, 4, 7, 20]));
    m.observe(second(1, [80, 300, 2000, 70_000], { ok: 2, errors: { http5xx: 1 }, backpressure: 1, dropped: 3, late: 2, sent: 5 }));
    const text = m.render();
    expect(text).toContain('# TYPE capplan_request_duration_seconds histogram');
    const { samples: s } = parsePrometheusText(text);
    const v = (name: string, labels: Record<string, string> = {}) => s.find((x) => x.name === name && Object.entries(labels).every(([k, val]) => x.labels[k] === val))?.value;
    const ep = { endpoint: 'get item' };
    expect(v('capplan_requests_total', { ...ep, outcome: 'ok' })).toBe(6);
    expect(v('capplan_requests_total', { ...ep, outcome: 'http5xx' })).toBe(1);
    expect(v('capplan_requests_total', { ...ep, outcome: 'backpressure' })).toBe(1);
    expect(v('capplan_dropped_total')).toBe(3);
    expect(v('capplan_late_total')).toBe(2);
    expect(v('capplan_in_flight_requests')).toBe(1); // sent 9, completed 8
    expect(v('capplan_target_rate_per_second')).toBe(100);
    expect(v('capplan_achieved_rate_per_second')).toBe(4);
    expect(v('capplan_request_duration_seconds_count', ep)).toBe(8);
    // the sum is within 0.1% of the true 72 412 ms
    expect(Math.abs(v('capplan_request_duration_seconds_sum', ep)! - 72.412) / 72.412).toBeLessThan(0.001);
    // buckets (le in s): 1,4 ms ≤ 5 ms; 7 ≤ 10; 20 ≤ 25; 80 ≤ 100; 300 ≤ 500; 2000 ≤ 2.5 s; 70 s > 60 s
    const buckets = text
      .split('\n')
      .filter((l) => l.startsWith('capplan_request_duration_seconds_bucket'))
      .map((l) => [/le="([^"]+)"/.exec(l)![1], Number(l.split(' ').at(-1))]);
    expect(Object.fromEntries(buckets)).toEqual({
      '0.005': 2, '0.01': 3, '0.025': 4, '0.05': 4, '0.1': 5, '0.25': 5, '0.5': 6, '1': 6, '2.5': 7, '5': 7, '10': 7, '30': 7, '60': 7, '+Inf': 8,
    });
  });

  it('a value on a bucket edge stays in that bucket; an empty histogram adds nothing', () => {
    const h = newLatencyHistogram();
    recordUs(h, 100_000); // exactly 0.1 s
    const b = [0, 0, 0];
    expect(addToBuckets(nonZeroBuckets(h), b, [0.05, 0.1])).toMatchObject({ count: 1 });
    expect(b).toEqual([0, 1, 0]);
    h.destroy();
    expect(addToBuckets([], b, [0.05, 0.1])).toEqual({ sumSec: 0, count: 0 });
  });

  it('serves /metrics on a real port and 404 elsewhere; closed model reports users', async () => {
    const m = new LiveRunMetrics('closed');
    m.observe({ ...second(0, [5]), targetLevel: 20, activeUsers: 18 });
    const srv = await serveLiveMetrics(m, 0);
    try {
      const res = await fetch(srv.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toMatch(/^capplan_target_users 20$/m);
      expect(text).toMatch(/^capplan_active_users 18$/m);
      const other = await fetch(srv.url.replace('/metrics', '/'));
      expect(other.status).toBe(404);
      await other.text();
    } finally {
      await srv.close();
    }
  });
});
