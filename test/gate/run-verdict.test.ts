import { describe, expect, it } from 'vitest';
import { DEFAULT_NOISE_BANDS, judgeRun, runEvidence, type LimitSpec } from '../../src/gate/run-verdict.js';
import type { RegressionMetric } from '../../src/gate/metrics.js';
import { p99Sampler } from '../helpers/run-noise.js';

const rel = (amount: number): LimitSpec => ({ kind: 'relative', amount });
const abs = (amount: number): LimitSpec => ({ kind: 'absolute', amount });

/** Judge one check alone (m = 1: the adjusted p is the raw p). */
function judge(metric: RegressionMetric, b: number[], c: number[], limit: LimitSpec, alpha = 0.05) {
  const ev = runEvidence(metric, b, c, limit);
  return { ev, v: judgeRun(ev, limit, ev.pWorse, alpha, alpha) };
}

describe('runEvidence + judgeRun', () => {
  it.each([
    // name, metric, baseline runs, current runs, limit, design, verdict, reason
    ['3 vs 3, a clear +30% p99', 'p99', [10, 10.2, 9.9], [13, 13.1, 12.9], rel(0.1), 'replicated', 'fail', 'significant'],
    ['3 vs 3, the same system', 'p99', [10, 10.2, 9.9], [10.1, 9.8, 10.2], rel(0.1), 'replicated', 'pass', 'within-limit'],
    ['3 vs 3, +20% inside run noise', 'p99', [8, 12, 10], [15, 9, 12], rel(0.1), 'replicated', 'inconclusive', 'not-significant'],
    ['2 vs 2 is replicated', 'p99', [10, 10.1], [13, 13.1], rel(0.1), 'replicated', 'fail', 'significant'],
    ['1 vs 1 +30%: inside the default band', 'p99', [10], [13], rel(0.1), 'default-band', 'inconclusive', 'within-band'],
    ['1 vs 1 ×50: beyond the default band (×40)', 'p99', [10], [500], rel(0.1), 'default-band', 'fail', 'beyond-band'],
    ['1 vs 1 within the limit', 'p99', [10], [10.5], rel(0.1), 'default-band', 'pass', 'within-limit'],
    ['1 vs 2 has no band of ≥ 3 runs', 'p99', [10], [13, 13.1], rel(0.1), 'default-band', 'inconclusive', 'within-band'],
    ['1 current vs 4 baseline runs: their noise band', 'p99', [10, 10.1, 9.9, 10], [13], rel(0.1), 'noise-band', 'fail', 'significant'],
    ['1 current inside a wide noise band', 'p99', [8, 12, 10, 14], [14], rel(0.1), 'noise-band', 'inconclusive', 'not-significant'],
    ['3 baseline vs 1 current: rps drop', 'rps', [200, 199, 201], [150], rel(0.05), 'noise-band', 'fail', 'significant'],
    ['rps going up is no regression', 'rps', [200, 199, 201], [260, 262, 259], rel(0.05), 'replicated', 'pass', 'within-limit'],
    ['error rate +2 pp over 3 vs 3 (absolute, linear)', 'error_rate', [0, 0.001, 0], [0.02, 0.021, 0.019], abs(0.005), 'replicated', 'fail', 'significant'],
    ['error rate from 0 to 0', 'error_rate', [0, 0, 0], [0, 0, 0], abs(0.005), 'replicated', 'pass', 'within-limit'],
    ['absolute p95 limit in ms', 'p95', [20, 21, 19], [45, 44, 46], abs(20), 'replicated', 'fail', 'significant'],
  ] as const)('%s', (_name, metric, b, c, limit, design, verdict, reason) => {
    const { ev, v } = judge(metric, [...b], [...c], limit);
    expect(ev.design).toBe(design);
    expect(v.verdict).toBe(verdict);
    expect(v.reason).toBe(reason);
  });

  it('reports geometric means and the ratio on the log scale, with its interval', () => {
    const { ev } = judge('p99', [10, 40], [20, 80], rel(0.1));
    expect(ev.baseline).toBeCloseTo(20, 12);
    expect(ev.current).toBeCloseTo(40, 12);
    expect(ev.change).toBeCloseTo(1, 12);
    expect(ev.ci[0]).toBeLessThan(1);
    expect(ev.ci[1]).toBeGreaterThan(1);
    expect(ev.test?.scale).toBe('log');
  });

  it('says how many runs per side would settle an inconclusive replicated check', () => {
    const { v } = judge('p99', [8, 12, 10], [15, 9, 12], rel(0.1));
    expect(v.runsNeeded).toBeGreaterThan(3);
  });

  it('the default bands are wider for higher percentiles', () => {
    const order: RegressionMetric[] = ['p50', 'p90', 'p95', 'p99', 'p999'];
    for (let i = 1; i < order.length; i++) expect(DEFAULT_NOISE_BANDS[order[i]]).toBeGreaterThan(DEFAULT_NOISE_BANDS[order[i - 1]]);
  });
});

describe('seeded simulation of run-level noise (the bench:gate design: 5 ms → 6.5 ms service time, 3 regression checks under Holm)', () => {
  const limit = rel(0.1);
  // Three regression checks (p99, rps, error_rate) under Holm: p99 alone can fail at α/3 at most
  // (3·p bounds its Holm-adjusted p from above, so these rates are if anything a little low).
  const decide = (b: number[], c: number[]) => {
    const ev = runEvidence('p99', b, c, limit);
    return judgeRun(ev, limit, Math.min(1, 3 * ev.pWorse), 0.05, 0.05 / 3).verdict;
  };
  const rate = (n: number, verdict: () => string) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (verdict() === 'fail') k++;
    return k / n;
  };
  /** sd of ln p99 between runs of one system, over many simulated runs. */
  const spread = (s: (st: number, n: number) => number[]) => {
    const y = s(5, 20_000).map(Math.log);
    const m = y.reduce((a, v) => a + v, 0) / y.length;
    return Math.sqrt(y.reduce((a, v) => a + (v - m) ** 2, 0) / (y.length - 1));
  };

  // The regime the method's claim is about: the p99 is mostly service time, and identical runs
  // agree within σ(ln p99) ≈ 5% (overhead 0.5 ms at the median, ×/÷ e^0.5 between runs).
  const quiet = { overheadMs: 0.5, sigma: 0.5 };
  it('quiet runs: identical runs differ by σ(ln p99) ≈ 5%, and +30% service time is about +27% on the p99', () => {
    expect(spread(p99Sampler(quiet, 30))).toBeGreaterThan(0.045);
    expect(spread(p99Sampler(quiet, 30))).toBeLessThan(0.06);
  });

  it('quiet runs, A/A 3 vs 3: under 1% false alarms over 4000 seeded pairs', () => {
    const s = p99Sampler(quiet, 31);
    expect(rate(4000, () => decide(s(5, 3), s(5, 3)))).toBeLessThan(0.01);
  });

  it('quiet runs, A/A 1 vs 1: no false alarm in 4000 seeded pairs (the default band)', () => {
    const s = p99Sampler(quiet, 32);
    expect(rate(4000, () => decide(s(5, 1), s(5, 1)))).toBe(0);
  });

  it('quiet runs, +30% service time 3 vs 3: caught in ≥ 92% of 2000 seeded trials (the claim: ≈ 95% at σ = 5%)', () => {
    const s = p99Sampler(quiet, 33);
    expect(rate(2000, () => decide(s(5, 3), s(6.5, 3)))).toBeGreaterThanOrEqual(0.92);
  });

  // What this 2-core machine showed at load 3–13 (2 s runs at 400 req/s, docs/gate.md): a p99 of
  // 10–400 ms for a 5 ms service, σ(ln p99) ≈ 0.5–0.9 — the p99 measures scheduling stalls, not the service.
  const loaded = { overheadMs: 12, sigma: 0.8 };
  it('loaded machine: the +30% service time is under +10% of the p99 and drowns in run noise — caught in under 10%', () => {
    const s = p99Sampler(loaded, 34);
    expect(spread(s)).toBeGreaterThan(0.5);
    expect(rate(2000, () => decide(s(5, 3), s(6.5, 3)))).toBeLessThan(0.1);
  });

  it('loaded machine: false alarms stay at about α/3 for 3 vs 3, and rare for 1 vs 1', () => {
    const s = p99Sampler(loaded, 35);
    expect(rate(4000, () => decide(s(5, 3), s(5, 3)))).toBeLessThan(0.025);
    expect(rate(4000, () => decide(s(5, 1), s(5, 1)))).toBeLessThan(0.01);
  });

  it('a run-level shift that a within-run test would call certain stays inconclusive when runs disagree', () => {
    // Baseline runs 6, 9, 7 ms; current 9, 6.5, 10: the geometric means differ by +12% but the runs overlap.
    expect(decide([6, 9, 7], [9, 6.5, 10])).toBe('inconclusive');
  });
});
