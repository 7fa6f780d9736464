import { describe, expect, it } from 'vitest';
import { evaluateMonitorExpr, parseMonitorExpr, type MonitorExpr } from '../../src/monitor/threshold.js';
import type { StoredSeries } from '../../src/monitor/store.js';

function series(name: string, values: number[], labels: Record<string, string> = {}, source = 'http://t/metrics'): StoredSeries {
  return { name, labels, source, stepSec: 1, t: values.map((_, i) => i), mean: values, min: values, max: values, n: values.map(() => 1) };
}
const flat = [...Array(60).keys()].map((i) => 100e6 + (i % 5) * 1e6);
const leaking = [...Array(60).keys()].map((i) => 100e6 + i * 2e6);

describe('monitor thresholds', () => {
  it.each([
    ['monitor:process_resident_memory_bytes', 'growth<10%', { stat: 'growth', op: '<', value: 0.1 }],
    ['monitor:nodejs_eventloop_lag_seconds', 'max<0.1', { stat: 'max', op: '<', value: 0.1 }],
    ['monitor:jvm_memory_used_bytes{area="heap"}', 'last <= 5e8', { stat: 'last', op: '<=', value: 5e8 }],
  ])('parses %s %s', (scope, expr, want) => {
    expect(parseMonitorExpr(scope, expr)).toMatchObject(want);
  });

  it.each([
    ['monitor:', 'max<1', /expected monitor:METRIC/],
    ['monitor:m', 'p99<1', /STAT one of max, min, mean, last, growth/],
    ['monitor:m', 'max<10%', /only growth takes a percentage/],
  ])('refuses %s %s', (scope, expr, message) => {
    expect((parseMonitorExpr(scope, expr) as { error: string }).error).toMatch(message);
  });

  const ev = (scope: string, expr: string, s: StoredSeries[]) => evaluateMonitorExpr(parseMonitorExpr(scope, expr) as MonitorExpr, s);

  it('max/min/mean/last per series, each source judged', () => {
    const s = [series('lag', [0.01, 0.2, 0.05]), series('lag', [0.01, 0.02, 0.03], {}, 'http://u/metrics')];
    expect(ev('monitor:lag', 'max<0.1', s).map((c) => [c.actual, c.pass])).toEqual([
      [0.2, false],
      [0.03, true],
    ]);
    expect(ev('monitor:lag', 'last<0.1', s)[0].actual).toBe(0.05);
    expect(ev('monitor:lag', 'min>=0.01', s).every((c) => c.pass)).toBe(true);
    expect(ev('monitor:lag', 'mean<1', s)[1].actual).toBeCloseTo(0.02, 12);
    expect(ev('monitor:other', 'max<1', s)).toEqual([]);
  });

  it('growth: a flat saw-tooth passes, a leak fails, too few points fail with the reason', () => {
    expect(ev('monitor:rss', 'growth<10%', [series('rss', flat)])[0].pass).toBe(true);
    const [bad] = ev('monitor:rss', 'growth<10%', [series('rss', leaking)]);
    expect(bad.pass).toBe(false);
    expect(bad.actual).toBeGreaterThan(0.5);
    const [short] = ev('monitor:rss', 'growth<10%', [series('rss', [1, 2, 3])]);
    expect(short).toMatchObject({ pass: false });
    expect(short.problem).toMatch(/post-GC floors/);
  });
});
