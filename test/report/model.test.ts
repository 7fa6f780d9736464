import { describe, expect, it } from 'vitest';
import { buildReportModel, buildVerdict, REPORT_SCHEMA, thresholdRows } from '../../src/report/model.js';
import { curvePercentiles } from '../../src/report/scan.js';
import { goldenResult } from './fixture.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import type { EndpointSummary } from '../../src/results/types.js';

describe('buildReportModel', () => {
  const result = goldenResult();
  const m = buildReportModel(result);

  it('tags the schema and copies the summary', () => {
    expect(m.schema).toBe(REPORT_SCHEMA);
    expect(m.summary.total).toEqual(result.summary.total);
    expect(m.summary.endpoints.map((e) => e.name)).toEqual(['GET /items', 'POST /orders']);
  });

  it('per-second series add up exactly to the whole-run counters', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const s of [m.series.total, ...m.series.endpoints]) {
      const summary = s.name === 'total' ? m.summary.total : m.summary.endpoints.find((e) => e.name === s.name)!;
      expect(sum(s.achieved), s.name).toBe(summary.count);
      expect(sum(s.target), s.name).toBe(summary.scheduled);
      expect(sum(s.dropped), s.name).toBe(summary.dropped);
      expect(sum(s.backpressure), s.name).toBe(summary.backpressure);
      expect(sum(s.errors), s.name).toBe(Object.values(summary.errors).reduce((a, b) => a + (b ?? 0), 0));
    }
    expect(m.series.t).toEqual([...Array(12).keys()]);
    expect(m.series.epochSec[0]).toBe(Math.floor(result.run.startEpochMs / 1000));
  });

  it('phases partition the run: their totals add up to the whole run', () => {
    expect(m.phases.map((p) => p.name)).toEqual(['ramp-up', 'spike', 'recovery']);
    expect(m.phases.reduce((a, p) => a + p.total.count, 0)).toBe(m.summary.total.count);
    expect(m.phases[1].total.dropped).toBe(m.summary.total.dropped); // drops only happen in the spike
    expect(m.phases[1].total.targetRate).toBe(m.phases[1].total.scheduled / 4);
  });

  it('the latency slowdown shows in the spike seconds', () => {
    const p50 = m.series.total.p50 as number[];
    expect(p50[6]).toBeGreaterThan(2 * p50[1]);
  });

  it('the HDR curve is non-decreasing, starts at p0 and ends at the maximum', () => {
    for (const d of m.distributions) {
      const vals = d.points.map((p) => p.valueMs);
      for (let i = 1; i < vals.length; i++) expect(vals[i]).toBeGreaterThanOrEqual(vals[i - 1]);
      expect(d.points[0].percentile).toBe(0);
      const s = d.name === 'total' ? m.summary.total : m.summary.endpoints.find((e) => e.name === d.name)!;
      expect(vals.at(-1)).toBe(s.latencyMs.max);
      expect(d.count).toBe(s.count);
    }
  });

  it('the service-time curve covers every request and ends at the service-time maximum', () => {
    expect(m.serviceDistribution.count).toBe(m.summary.total.count);
    expect(m.serviceDistribution.points.at(-1)!.valueMs).toBe(m.summary.total.serviceMs.max);
    // Service time never exceeds latency from the intended time at the same percentile.
    m.serviceDistribution.points.forEach((p, i) => expect(p.valueMs).toBeLessThanOrEqual(m.distributions[0].points[i].valueMs));
  });

  it('fills seconds with no interval with zeros and null latencies', () => {
    const r = syntheticResult({ seconds: 4, endpoints: [{ name: 'a', rps: 5, medianMs: 3 }] });
    r.intervals.splice(1, 2);
    const gm = buildReportModel(r);
    expect(gm.series.t).toEqual([0, 1, 2, 3]);
    expect(gm.series.total.achieved).toEqual([5, 0, 0, 5]);
    expect(gm.series.total.p50[1]).toBeNull();
  });
});

describe('curvePercentiles', () => {
  // x = 1/(1 − p/100) = 10^(i/10) for every i with x < count, i.e. i < 10·log10(count).
  it.each([
    [1, 0],
    [2, 4],
    [10, 10],
    [11, 11],
    [1000, 30],
  ])('count %i → %i points on the 10-per-decade grid', (count, n) => {
    const ps = curvePercentiles(count);
    expect(ps).toHaveLength(n);
    ps.forEach((p, i) => expect(p).toBeCloseTo(100 * (1 - 10 ** (-i / 10)), 5));
    if (n) expect(1 / (1 - ps[n - 1] / 100)).toBeLessThan(count);
  });
});

function summary(over: Partial<EndpointSummary>): EndpointSummary {
  const base = buildReportModel(syntheticResult({ seconds: 1, endpoints: [{ name: 'a', rps: 10, medianMs: 5 }] })).summary.total;
  return { ...base, ...over };
}

describe('buildVerdict', () => {
  it.each<[string, Partial<EndpointSummary>, boolean, 'pass' | 'warn' | 'fail']>([
    ['clean', {}, false, 'pass'],
    ['few errors', { errors: { http5xx: 1 }, errorRate: 0.1 / 10 }, false, 'warn'],
    // The symbol agrees with the exit code: only a threshold (or nothing completed) fails a run; a high share is ⚠️ with advice.
    ['many errors', { errors: { http5xx: 5 }, errorRate: 0.5 }, false, 'warn'],
    ['backpressure only', { backpressure: 1, errorRate: 0.01 }, false, 'warn'],
    ['a few dropped', { dropped: 1, scheduled: 100 }, false, 'warn'],
    ['many dropped', { dropped: 10, scheduled: 100 }, false, 'warn'],
    ['late', { late: 3 }, false, 'warn'],
    ['interrupted', {}, true, 'warn'],
    ['nothing completed', { count: 0 }, false, 'fail'],
  ])('%s → %s', (_label, over, interrupted, level) => {
    expect(buildVerdict('x', summary(over), [], interrupted).level).toBe(level);
  });

  it('a failed threshold, an unknown endpoint or a bad expression is ❌, with the reason', () => {
    const r = syntheticResult({ seconds: 1, endpoints: [{ name: 'a', rps: 10, medianMs: 5 }] });
    r.profile.thresholds = { total: ['p50<0.001ms', 'nonsense'], ghost: ['p99<1s'], a: ['rps>0', 'error_rate<1%'] };
    const rows = thresholdRows(r);
    expect(rows.map((t) => t.pass)).toEqual([false, false, false, true, true]);
    expect(rows.map((t) => t.unit)).toEqual(['ms', null, 'ms', 'per-sec', 'fraction']);
    expect(rows[1].actual).toBeNull();
    expect(rows[2].note).toContain('ghost');
    const v = buildVerdict('x', r.summary.total, rows, false);
    expect(v.level).toBe('fail');
    expect(v.symbol).toBe('❌');
    expect(v.detail).toContain('2/5 thresholds passed');
    expect(v.reasons.filter((x) => x.startsWith('threshold '))).toHaveLength(3);
    expect(buildVerdict('x', r.summary.total, rows.slice(3), false).level).toBe('pass');
  });
});

describe('thresholdRows: every threshold with its metric, limit, measured value and verdict (load --json, report --format json)', () => {
  const r = syntheticResult({ seconds: 1, endpoints: [{ name: 'a', rps: 10, medianMs: 5 }] });
  r.profile.thresholds = { total: ['p50<0.001ms', 'error_rate<1%', 'p99<0.2s', 'nonsense'], a: ['rps>0'], ghost: ['p99<1s'] };
  const rows = thresholdRows(r);
  it.each<[number, string, string, string | null, { op: string; value: number } | null, string | null, boolean, boolean]>([
    // [row, scope, slo, metric, limit (in the unit of actual), unit, measured, pass]
    [0, 'total', 'p50<0.001ms', 'p50', { op: '<', value: 0.001 }, 'ms', true, false],
    [1, 'total', 'error_rate<1%', 'error_rate', { op: '<', value: 0.01 }, 'fraction', true, true],
    [2, 'total', 'p99<0.2s', 'p99', { op: '<', value: 200 }, 'ms', true, true],
    [3, 'total', 'nonsense', null, null, null, false, false],
    [4, 'a', 'rps>0', 'rps', { op: '>', value: 0 }, 'per-sec', true, true],
    [5, 'ghost', 'p99<1s', 'p99', { op: '<', value: 1000 }, 'ms', false, false],
  ])('row %i: %s %s → %s %j', (i, scope, slo, metric, limit, unit, measured, pass) => {
    expect(rows[i]).toMatchObject({ scope, slo, metric, limit, unit, pass });
    if (measured) expect(rows[i].actual).toEqual(expect.any(Number));
    else expect(rows[i].actual).toBeNull();
  });
});

describe('buildVerdict: the symbol agrees with the exit code (issue 14 trial: ❌ with exit 0)', () => {
  it('6.37% errors with every threshold passing is ⚠️ and suggests a threshold; with an error_rate threshold it says nothing more', () => {
    const total = { ...syntheticResult({ seconds: 1, endpoints: [{ name: 'a', rps: 10, medianMs: 5 }] }).summary.total, errors: { http5xx: 86 }, errorRate: 0.0637 };
    const none = buildVerdict('chaos', total, [], false);
    expect(none.level).toBe('warn');
    expect(none.reasons.join('\n')).toMatch(/6\.37% of requests failed \(http5xx 86\); no threshold checks the error rate \(add error_rate<1% to fail such a run\)/);
    const checked = buildVerdict('chaos', total, [{ scope: 'total', slo: 'error_rate<10%', actual: 0.0637, unit: 'fraction', pass: true }], false);
    expect(checked.level).toBe('warn');
    expect(checked.reasons.join('\n')).not.toMatch(/no threshold checks/);
  });
});
