import { describe, expect, it } from 'vitest';
import { runCompare } from '../../src/gate/compare.js';
import { runGate } from '../../src/gate/gate.js';
import { syntheticResult, type SyntheticEndpoint } from '../helpers/synthetic-result.js';
import { compareDoc } from '../../src/gate/compare-doc.js';

const named = (name: string, r: ReturnType<typeof syntheticResult>) => ({ name, result: r });
const API: SyntheticEndpoint[] = [{ name: 'api', rps: 50, medianMs: 10 }];
/** Runs of one system: run-level factors (the run-to-run noise) times the side's level. */
const runs = (prefix: string, seed: number, level: number, factors = [0.97, 1, 1.03]) =>
  factors.map((f, i) => named(`${prefix}-${i + 1}.json`, syntheticResult({ endpoints: API, seconds: 10, seed: seed + i, slowdown: { from: 0, to: 10, factor: level * f } })));

describe('runCompare', () => {
  it('rows for total and every endpoint; an endpoint missing from a run gets a note', () => {
    const a = syntheticResult({ endpoints: [{ name: 'x', rps: 30, medianMs: 10 }, { name: 'y', rps: 10, medianMs: 20 }], seconds: 8, seed: 1 });
    const b = syntheticResult({ endpoints: [{ name: 'x', rps: 30, medianMs: 10 }, { name: 'z', rps: 10, medianMs: 20 }], seconds: 8, seed: 2, name: 'other' });
    const r = runCompare(named('a.json', a), named('b.json', b), { metrics: ['p50'] });
    expect(r.rows.map((row) => `${row.scope}:${row.note ?? 'compared'}`)).toEqual(['total:compared', 'x:compared', 'y:not in b.json', 'z:not in a.json']);
    expect(r.warnings).toEqual(['profiles differ: "synthetic" (a.json) vs "other" (b.json)']);
  });

  it('one common endpoint: only the total (same data)', () => {
    const r = runCompare(runs('a', 1, 1), runs('b', 11, 1));
    expect(r.rows.map((row) => row.scope)).toEqual(['total', 'total', 'total', 'total']);
    expect(r.rows.map((row) => row.metric)).toEqual(['p50', 'p99', 'rps', 'error_rate']);
  });

  it('a scope with no completed request in a run has no value: a note naming the run, no test', () => {
    const empty = named('empty.json', syntheticResult({ endpoints: [{ name: 'api', rps: 0, medianMs: 10 }], seconds: 5, seed: 3 }));
    const r = runCompare(runs('a', 1, 1), [...runs('b', 11, 1).slice(0, 2), empty], { metrics: ['p99'] });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].evidence).toBeUndefined();
    expect(r.rows[0].note).toBe('no data (0 requests completed) in empty.json');
  });

  describe('replicated runs: the run-level t-test, two-sided', () => {
    it.each([
      ['a 40% slowdown', 1.4, true, 0.25],
      ['a 30% speed-up', 0.7, true, -0.4],
      ['a rerun of the same system', 1, false, -0.1],
    ])('%s (level %s): significant = %s', (_name, level, significant, lowest) => {
      const r = runCompare(runs('a', 1, 1), runs('b', 11, level), { metrics: ['p50'] });
      const row = r.rows[0];
      expect(row.evidence!.design).toBe('replicated');
      expect(row.significant).toBe(significant);
      expect(row.beyondBand).toBeUndefined();
      expect(row.evidence!.ci[0]).toBeGreaterThan(lowest);
      expect(row.evidence!.ci[0]).toBeLessThan(row.evidence!.ci[1]);
    });

    it('is the same evidence as gate: two-sided p = 2 × gate’s one-sided p when the change leans the worse way', () => {
      const a = runs('a', 1, 1);
      const b = runs('b', 11, 1.15, [0.9, 1.05, 1.1]);
      const c = runCompare(a, b, { metrics: ['p99'], correction: 'none' }).rows[0];
      const g = runGate({ current: b, baseline: a, regressions: ['p99:+10%'], correction: 'none' }).checks[0].regression!;
      expect(c.evidence!.currentRuns).toEqual(g.currentRuns);
      expect(c.evidence!.change).toBeCloseTo(g.change, 12);
      expect(c.pTwoSided).toBeCloseTo(2 * g.pValue, 12);
    });

    it('run-to-run noise is not a difference: runs that disagree by ±25% around a +12% shift are not significant', () => {
      const r = runCompare(runs('a', 1, 1, [0.8, 1, 1.25]), runs('b', 11, 1.12, [1.25, 0.8, 1]), { metrics: ['p50'] });
      expect(r.rows[0].significant).toBe(false);
    });
  });

  describe('one run per side: no test, only the default noise band (as gate 1 vs 1)', () => {
    it.each([
      ['+40% on the median is within the p50 band (×4)', 1.4, false],
      ['×5 on the median is beyond it', 5, true],
      ['a fifth of the median is beyond it the other way', 1 / 5, true],
    ])('%s', (_name, level, beyond) => {
      const r = runCompare(runs('a', 1, 1, [1]), runs('b', 11, level, [1]), { metrics: ['p50'] });
      const row = r.rows[0];
      expect(row.evidence!.design).toBe('default-band');
      expect(row.pTwoSided).toBeNaN();
      expect(row.pAdjusted).toBeUndefined();
      expect(row.significant).toBeUndefined();
      expect(row.beyondBand).toBe(beyond);
    });

    it('the headline says a single run cannot separate run noise, and how to get a test', () => {
      const doc = compareDoc(runCompare(runs('a', 1, 1, [1]), runs('b', 11, 1.4, [1])));
      expect(doc.headline).toBe('one run per side cannot separate run noise from a change; no change beyond the noise band of identical runs in 4 comparisons (record ≥ 3 runs per side for a test)');
      expect(doc.sections[0].notes!.join('\n')).toMatch(/One run per side: no test .*p50 \+300%, p99 \+3\s?900%, rps -25%, error_rate \+2 pp/);
    });
  });
});
