import { describe, expect, it } from 'vitest';
import { runCompare } from '../../src/gate/compare.js';
import { syntheticResult } from '../helpers/synthetic-result.js';
import { compareDoc } from '../../src/gate/compare-doc.js';
import { tenSecondRun } from './short-run.js';

const named = (name: string, r: ReturnType<typeof syntheticResult>) => ({ name, result: r });

describe('runCompare', () => {
  it('rows for total and every endpoint; an endpoint in one run only gets a note', () => {
    const a = syntheticResult({ endpoints: [{ name: 'x', rps: 30, medianMs: 10 }, { name: 'y', rps: 10, medianMs: 20 }], seconds: 8, seed: 1 });
    const b = syntheticResult({ endpoints: [{ name: 'x', rps: 30, medianMs: 10 }, { name: 'z', rps: 10, medianMs: 20 }], seconds: 8, seed: 2, name: 'other' });
    const r = runCompare(named('a.json', a), named('b.json', b), { metrics: ['p50'], resamples: 100 });
    expect(r.rows.map((row) => `${row.scope}:${row.note ?? 'compared'}`)).toEqual(['total:compared', 'x:compared', 'y:only in a.json', 'z:only in b.json']);
    expect(r.warnings).toEqual(['profiles differ: "synthetic" (a.json) vs "other" (b.json)']);
    // The correction runs over compared rows only.
    expect(r.rows.filter((row) => row.pAdjusted !== undefined)).toHaveLength(2);
  });

  it('one common endpoint: only the total (same data)', () => {
    const ep = [{ name: 'api', rps: 20, medianMs: 10 }];
    const r = runCompare(named('a', syntheticResult({ endpoints: ep, seconds: 6, seed: 1 })), named('b', syntheticResult({ endpoints: ep, seconds: 6, seed: 2 })), { resamples: 100 });
    expect(r.rows.map((row) => row.scope)).toEqual(['total', 'total', 'total', 'total']);
    expect(r.rows.map((row) => row.metric)).toEqual(['p50', 'p99', 'rps', 'error_rate']);
  });

  it('finds a 40% slowdown significant and a rerun not', () => {
    const ep = [{ name: 'api', rps: 50, medianMs: 10 }];
    const base = named('a', syntheticResult({ endpoints: ep, seconds: 15, seed: 1 }));
    const slow = runCompare(base, named('b', syntheticResult({ endpoints: ep, seconds: 15, seed: 2, slowdown: { from: 0, to: 15, factor: 1.4 } })), { metrics: ['p50'], resamples: 200 });
    expect(slow.rows[0].significant).toBe(true);
    expect(slow.rows[0].comparison!.ciRel[0]).toBeGreaterThan(0.2);
    const rerun = runCompare(base, named('b', syntheticResult({ endpoints: ep, seconds: 15, seed: 3 })), { metrics: ['p50'], resamples: 200 });
    expect(rerun.rows[0].significant).toBe(false);
    expect(rerun.rows[0].comparison!.ciRel[0]).toBeLessThan(0);
    expect(rerun.rows[0].comparison!.ciRel[1]).toBeGreaterThan(0);
  });
});

describe('compareDoc: short runs', () => {
  it('a +40% median over 10 s that the corrected rank test cannot confirm is called inconclusive, not "no difference"', () => {
    const a = tenSecondRun(31, { from: 0, to: 3, factor: 1.6 });
    const b = tenSecondRun(32, { from: 0, to: 11, factor: 1.5 });
    const report = runCompare(named('base.json', a), named('slow.json', b), { resamples: 500 });
    const p50 = report.rows.find((r) => r.metric === 'p50' && r.scope === 'total')!;
    expect(p50.significant).toBe(false);
    expect(p50.comparison!.ciRel[0]).toBeGreaterThan(0.1);
    expect(compareDoc(report).headline).toMatch(/^(no significant difference in 12 comparisons|\d of 12 differences are significant: .*); inconclusive: .*p50 \(total\) \+\d+\.\d%.*too few whole seconds \(9\)/);
  });
});
