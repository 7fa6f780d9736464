import { describe, expect, it } from 'vitest';
import { buildTrend, labelsOf, type HistoryRun } from '../../src/history/trend.js';
import { resultMetric } from '../../src/gate/metrics.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { normalSampler } from '../helpers/run-noise.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** Nightly runs: run i has median latency medians[i] (run-level noise comes from the seed). */
function nightly(medians: number[], labels?: (i: number) => Record<string, string>): HistoryRun[] {
  return medians.map((m, i) => {
    const result = syntheticResult({ endpoints: [{ name: 'read', rps: 100, medianMs: m }], seconds: 5, seed: i + 1, startEpochMs: T0 + i * DAY });
    if (labels) Object.assign(result, { labels: labels(i) });
    return { name: `night-${String(i + 1).padStart(2, '0')}.json`, result };
  });
}

describe('buildTrend', () => {
  it('finds where a latency shift started and how big it is', () => {
    const z = normalSampler(5);
    const medians = [...Array.from({ length: 8 }, () => 10 * Math.exp(0.03 * z())), ...Array.from({ length: 8 }, () => 13 * Math.exp(0.03 * z()))];
    // Shuffle the input order: the trend orders by start time.
    const runs = nightly(medians).reverse();
    const t = buildTrend(runs, { metrics: ['p50', 'rps'], scope: 'total' });
    expect(t.points.map((p) => p.key)[0]).toBe('night-01.json');
    const p50 = t.metrics.find((m) => m.metric === 'p50')!;
    expect(p50.scale).toBe('log');
    expect(p50.changes).toHaveLength(1);
    expect(p50.changes[0].at).toBe('night-09.json');
    expect(p50.changes[0].index).toBe(8);
    expect(p50.changes[0].change).toBeGreaterThan(0.2);
    expect(p50.changes[0].change).toBeLessThan(0.4);
    expect(p50.changes[0].pValue).toBeLessThanOrEqual(0.05);
    expect(t.metrics.find((m) => m.metric === 'rps')!.changes).toEqual([]);
  });

  it('groups replicates by a label into one point each, in order of their first run', () => {
    // 8 commits × 2 runs; commit c4 made it 40% slower.
    const medians = Array.from({ length: 16 }, (_, i) => (i < 8 ? 10 : 14) * (1 + 0.01 * (i % 3)));
    const runs = nightly(medians, (i) => ({ commit: `c${Math.floor(i / 2)}` }));
    const t = buildTrend(runs, { metrics: ['p50'], scope: 'total', by: 'commit' });
    expect(t.points.map((p) => p.key)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(t.points[0].runs).toEqual(['night-01.json', 'night-02.json']);
    expect(t.metrics[0].changes.map((c) => c.at)).toEqual(['c4']);
  });

  it('runs of different profiles: a warning names them', () => {
    const runs = nightly([10, 10, 10, 10]);
    runs[3].result.profile.name = 'spike';
    const t = buildTrend(runs, { metrics: ['p50'], scope: 'total' });
    expect(t.warnings.join('\n')).toMatch(new RegExp(`these runs come from 2 different profiles \\(${runs[0].result.profile.name} ×3, spike ×1\\)`));
    expect(buildTrend(nightly([10, 10, 10]), { metrics: ['p50'], scope: 'total' }).warnings).toEqual([]);
  });

  it('leaves out runs without the label, with a warning', () => {
    const runs = nightly([10, 10, 10], (i) => (i === 1 ? {} : { commit: `c${i}` }));
    const t = buildTrend(runs, { metrics: ['p50'], scope: 'total', by: 'commit' });
    expect(t.points.map((p) => p.key)).toEqual(['c0', 'c2']);
    expect(t.warnings.join('\n')).toMatch(/night-02\.json has no label "commit"/);
  });

  it('a scope with no completed request has no value (NaN), and the detection skips it', () => {
    const runs = nightly([10, 10, 10, 10, 10, 10]);
    expect(resultMetric(runs[0].result, 'nope', 'p99')).toBeNaN();
    const t = buildTrend(runs, { metrics: ['p99'], scope: 'nope' });
    expect(t.metrics[0].values.every(Number.isNaN)).toBe(true);
    expect(t.metrics[0].changes).toEqual([]);
    expect(t.warnings).toHaveLength(6);
  });

  it('labelsOf is empty for a result without labels', () => {
    expect(labelsOf(nightly([10])[0].result)).toEqual({});
  });
});
