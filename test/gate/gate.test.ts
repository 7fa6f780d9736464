import { InputProblemsError } from '../../src/errors.js';
import { describe, expect, it } from 'vitest';
import { runGate, type GateInput } from '../../src/gate/gate.js';
import { holm } from '../../src/stats/multiple-testing.js';
import type { ResultFile } from '../../src/results/types.js';
import { syntheticResult, type SyntheticEndpoint } from '../helpers/synthetic-result.js';
import { normalSampler } from '../helpers/run-noise.js';

const EP: SyntheticEndpoint = { name: 'api', rps: 100, medianMs: 20, errorRate: 0.01 };

function gate(current: ResultFile | ResultFile[], baseline: ResultFile | ResultFile[] | undefined, extra: Partial<GateInput> = {}) {
  const named = (rs: ResultFile | ResultFile[], prefix: string) => {
    const list = [rs].flat();
    return list.length === 1 ? [{ result: list[0], name: `${prefix}.json` }] : list.map((result, i) => ({ result, name: `${prefix}-${i + 1}.json` }));
  };
  return runGate({
    current: named(current, 'current'),
    ...(baseline ? { baseline: named(baseline, 'baseline') } : {}),
    ...extra,
  });
}

const failedChecks = (r: ReturnType<typeof gate>) => r.checks.filter((c) => !c.pass).map((c) => `${c.scope}:${c.expression}`);

/**
 * `n` replicate runs of one system: each run's latencies are scaled by its own run-level factor
 * exp(σ·z) (z seeded), so runs differ like runs on a busy machine do; `factor` is the real change.
 */
function replicates(n: number, seed: number, opts: { factor?: number; sigma?: number; seconds?: number; endpoints?: SyntheticEndpoint[] } = {}): ResultFile[] {
  const z = normalSampler(seed);
  return Array.from({ length: n }, (_, i) => {
    const runFactor = (opts.factor ?? 1) * Math.exp((opts.sigma ?? 0.04) * z());
    const seconds = opts.seconds ?? 10;
    return syntheticResult({ endpoints: opts.endpoints ?? [EP], seconds, seed: seed * 100 + i, slowdown: { from: 0, to: seconds, factor: runFactor } });
  });
}

describe('gate: identical systems must pass (run-level noise, seeded)', () => {
  it('20 A/A comparisons of 3 vs 3 runs raise zero false alarms with the default limits', () => {
    const alarms: string[] = [];
    for (let k = 0; k < 20; k++) {
      const r = gate(replicates(3, 1000 + 2 * k, { sigma: 0.08 }), replicates(3, 1001 + 2 * k, { sigma: 0.08 }));
      alarms.push(...failedChecks(r).map((f) => `pair ${k}: ${f}`));
    }
    expect(alarms).toEqual([]);
  });

  it('20 A/A pairs of one run each never fail: a single run is judged only against the default noise band', () => {
    for (let k = 0; k < 20; k++) {
      const r = gate(replicates(1, 2000 + 2 * k, { sigma: 0.3 }), replicates(1, 2001 + 2 * k, { sigma: 0.3 }));
      expect(failedChecks(r)).toEqual([]);
      expect(r.warnings.join('\n')).toMatch(/1 current and 1 baseline run: one run cannot tell a change from run-to-run noise.*record ≥ 3 runs per side/);
    }
  });

  it('a within-run "certain" shift that identical runs also show is not a regression', () => {
    // Each run alone has 1000 requests: a per-second test calls a 15% shift certain. Across runs it is noise.
    const r = gate(replicates(3, 31, { sigma: 0.15 }), replicates(3, 32, { sigma: 0.15 }), { regressions: ['p50:+10%'] });
    expect(r.pass).toBe(true);
  });
});

describe('gate: real regressions must fail (3 vs 3 runs)', () => {
  it.each([
    ['+30% latency, limit p99:+10%', 1.3, 'p99:+10%'],
    ['+30% latency, limit p50:+10%', 1.3, 'p50:+10%'],
    ['+20% latency, limit p50:+10%', 1.2, 'p50:+10%'],
    ['+30% latency, absolute limit p95:+2ms', 1.3, 'p95:+2ms'],
  ])('%s fails', (_name, factor, limit) => {
    const r = gate(replicates(3, 7, { factor }), replicates(3, 8), { regressions: [limit] });
    expect(r.pass).toBe(false);
    const c = r.checks[0];
    expect(c.regression).toMatchObject({ design: 'replicated', runsCurrent: 3, runsBaseline: 3, beyondLimit: true, verdict: 'fail', reason: 'significant' });
    expect(c.regression!.pAdjusted).toBeLessThan(0.05);
    expect(c.regression!.currentRuns).toHaveLength(3);
    expect(c.regression!.ci[1]).toBeGreaterThan(c.regression!.ci[0]);
  });

  it('a 3% slowdown with a 10% limit passes', () => {
    const r = gate(replicates(3, 9, { factor: 1.03 }), replicates(3, 10), { regressions: ['p99:+10%', 'p50:+10%'] });
    expect(failedChecks(r)).toEqual([]);
  });

  it('error_rate: +1.5 pp fails a +0.5pp limit; +0.1 pp passes', () => {
    const eps = (errorRate: number) => [{ ...EP, errorRate }];
    const base = replicates(3, 11, { endpoints: eps(0.005), seconds: 30 });
    const worse = gate(replicates(3, 12, { endpoints: eps(0.02), seconds: 30 }), base, { regressions: ['error_rate:+0.5pp'] });
    expect(worse.pass).toBe(false);
    expect(worse.checks[0].regression!.change).toBeCloseTo(0.015, 2);
    const same = gate(replicates(3, 13, { endpoints: eps(0.006), seconds: 30 }), base, { regressions: ['error_rate:+0.5pp'] });
    expect(same.pass).toBe(true);
  });

  it('rps: a 15% throughput drop fails rps:-5%; a 2% drop passes', () => {
    const base = replicates(3, 14);
    const drop = gate(replicates(3, 15, { endpoints: [{ ...EP, rps: 85 }] }), base, { regressions: ['rps:-5%'] });
    expect(drop.pass).toBe(false);
    expect(drop.checks[0].regression!.change).toBeCloseTo(-0.15, 2);
    const small = gate(replicates(3, 16, { endpoints: [{ ...EP, rps: 98 }] }), base, { regressions: ['rps:-5%'] });
    expect(small.pass).toBe(true);
  });

  it('an improvement never fails', () => {
    const r = gate(replicates(3, 17, { factor: 0.7 }), replicates(3, 18), { regressions: ['p99:+1%', 'p50:+1%'] });
    expect(r.pass).toBe(true);
    expect(r.checks.every((c) => c.regression!.pValue > 0.5)).toBe(true);
  });
});

describe('gate: one run on a side', () => {
  it('1 vs 1: +30% is inconclusive ("record ≥ 3 runs per side"), ×5 fails beyond the default band', () => {
    const base = replicates(1, 21);
    const r30 = gate(replicates(1, 22, { factor: 1.3 }), base, { regressions: ['p50:+10%'] });
    expect(r30.pass).toBe(true);
    expect(r30.checks[0].regression).toMatchObject({ design: 'default-band', verdict: 'inconclusive', reason: 'within-band' });
    expect(r30.checks[0].note).toMatch(/record ≥ 3 runs per side/);
    const r5 = gate(replicates(1, 23, { factor: 5 }), base, { regressions: ['p50:+10%'] });
    expect(r5.pass).toBe(false);
    expect(r5.checks[0].regression).toMatchObject({ design: 'default-band', verdict: 'fail', reason: 'beyond-band' });
  });

  it('one current run against a history of 5 baseline runs is judged by their noise band', () => {
    const history = replicates(5, 24, { sigma: 0.03 });
    const slow = gate(replicates(1, 25, { factor: 1.4 }), history, { regressions: ['p50:+10%'] });
    expect(slow.checks[0].regression).toMatchObject({ design: 'noise-band', runsBaseline: 5, runsCurrent: 1, verdict: 'fail' });
    const same = gate(replicates(1, 26), history, { regressions: ['p50:+10%'] });
    expect(same.pass).toBe(true);
  });

  it('beyond the limit but inside run-to-run noise is inconclusive and estimates the runs needed', () => {
    const r = gate(replicates(3, 27, { factor: 1.15, sigma: 0.2 }), replicates(3, 28, { sigma: 0.2 }), { regressions: ['p50:+10%'] });
    const c = r.checks[0];
    if (c.regression!.beyondLimit) {
      expect(c.regression!.verdict).toBe('inconclusive');
      expect(c.note).toMatch(/^inconclusive: beyond the limit but within run-to-run noise \(3 vs 3 runs/);
    }
    expect(c.pass).toBe(true);
  });
});

describe('gate: no data is never a pass', () => {
  it('a run whose scope completed nothing fails its regression checks and its latency SLOs', () => {
    const empty = syntheticResult({ endpoints: [{ ...EP, rps: 0 }], seconds: 5, seed: 41, thresholds: { total: ['p99<500ms', 'error_rate<1%'] } });
    const r = gate(empty, replicates(3, 42), { regressions: ['p99:+10%'] });
    expect(r.pass).toBe(false);
    const byExpr = Object.fromEntries(r.checks.map((c) => [c.expression, c]));
    expect(byExpr['p99:+10%'].note).toBe('no data (0 requests completed) in current.json');
    expect(byExpr['p99<500ms']).toMatchObject({ pass: false, note: 'no data (0 requests completed)' });
    expect(byExpr['error_rate<1%']).toMatchObject({ pass: false, note: 'no data (0 requests completed)' });
    const slo = gate(empty, undefined, { slos: ['p99<100ms'] });
    expect(slo.pass).toBe(false);
  });
});

describe('gate: several current runs and SLOs', () => {
  it('an SLO must hold in every current run; the row shows the worst run', () => {
    const runs = [...replicates(2, 43), replicates(1, 44, { factor: 20 })[0]];
    const r = gate(runs, undefined, { slos: ['p50<100ms'] });
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0].pass).toBe(false);
    expect(r.checks[0].note).toBe('in current-3.json');
    expect(r.checks[0].current).toBeGreaterThan(100);
  });
});

describe('gate: SLO checks', () => {
  it('evaluates --slo flags and the profile thresholds, like load does (unknown endpoint or bad expression fails)', () => {
    const result = syntheticResult({
      endpoints: [EP],
      seconds: 5,
      seed: 3,
      thresholds: { total: ['p99<10s', 'p50<1ms'], ghost: ['p99<1s'], api: ['p99 under 5'] },
    });
    const r = gate(result, undefined, { slos: ['api:count>=500', 'rps<50'] });
    expect(r.checks.map((c) => [c.source, c.scope, c.expression, c.pass])).toEqual([
      ['--slo', 'api', 'count>=500', true],
      ['--slo', 'total', 'rps<50', false],
      ['profile thresholds', 'total', 'p99<10s', true],
      ['profile thresholds', 'total', 'p50<1ms', false],
      ['profile thresholds', 'ghost', 'p99<1s', false],
      ['profile thresholds', 'api', 'p99 under 5', false],
    ]);
    expect(r.checks[4].note).toMatch(/no endpoint named "ghost"/);
    expect(r.checks[5].note).toMatch(/not an SLO expression/);
    expect(r.failed).toBe(4);
  });

  it('--endpoint scopes unscoped --slo and skips other endpoints\' thresholds', () => {
    const eps = [{ ...EP, name: 'a' }, { ...EP, name: 'b' }];
    const result = syntheticResult({ endpoints: eps, seconds: 3, seed: 4, thresholds: { total: ['p99<10s'], a: ['p99<10s'], b: ['p99<10s'] } });
    const r = gate(result, undefined, { slos: ['p50<10s'], endpoint: 'b' });
    expect(r.checks.map((c) => `${c.source}:${c.scope}`)).toEqual(['--slo:b', 'profile thresholds:total', 'profile thresholds:b']);
  });
});

describe('gate: phase-scoped SLOs', () => {
  /** 20 s × 100 req/s per endpoint; the first 5 s (warmup) 40× slower. */
  const phased = (thresholds?: Record<string, string[]>) =>
    syntheticResult({
      endpoints: [{ ...EP, name: 'a', errorRate: 0 }, { ...EP, name: 'b', errorRate: 0 }],
      seconds: 20,
      seed: 6,
      phases: [
        { name: 'warmup', startSec: 0, endSec: 5 },
        { name: 'steady', startSec: 5, endSec: 20 },
      ],
      slowdown: { from: 0, to: 5, factor: 40 },
      ...(thresholds ? { thresholds } : {}),
    });

  it('--slo SCOPE@PHASE:EXPR checks only that phase, and the table shows the scope as written', () => {
    const r = gate(phased(), undefined, { slos: ['p99<200ms', 'total@steady:p99<200ms', 'a@steady:p95<200ms', 'b@warmup:count==500', 'total@steady:count==3000'] });
    expect(r.checks.map((c) => [c.scope, c.expression, c.pass])).toEqual([
      ['total', 'p99<200ms', false],
      ['total@steady', 'p99<200ms', true],
      ['a@steady', 'p95<200ms', true],
      ['b@warmup', 'count==500', true],
      ['total@steady', 'count==3000', true],
    ]);
    expect(r.failed).toBe(1);
  });

  it('profile thresholds with @PHASE are evaluated like load does; --endpoint keeps total@… and its own endpoint\'s', () => {
    const result = phased({ 'total@steady': ['p99<200ms'], 'a@steady': ['p99<200ms'], 'b@steady': ['p99<200ms'], 'total@warmup': ['p99<200ms'] });
    expect(gate(result, undefined).checks.map((c) => [c.scope, c.pass])).toEqual([
      ['total@steady', true],
      ['a@steady', true],
      ['b@steady', true],
      ['total@warmup', false],
    ]);
    expect(gate(result, undefined, { endpoint: 'b' }).checks.map((c) => c.scope)).toEqual(['total@steady', 'b@steady', 'total@warmup']);
  });

  it('an unknown phase or endpoint in an SLO is an input problem with its path, every problem at once', () => {
    const problems = (input: Partial<GateInput>) => {
      try {
        gate(phased(), undefined, input);
      } catch (err) {
        if (err instanceof InputProblemsError) return err.issues;
        throw err;
      }
      throw new Error('expected input problems');
    };
    expect(problems({ slos: ['total@stedy:p99<200ms', 'p99<1s', 'c@steady:p99<200ms', 'p99 < fast'] })).toEqual([
      { path: 'slos[0]', message: 'no phase named "stedy" (did you mean "steady"?); the run\'s phases are warmup, steady (in current.json)' },
      { path: 'slos[2]', message: 'endpoint "c" is not in current.json (endpoints: a, b)' },
      { path: 'slos[3]', message: expect.stringMatching(/^"p99 < fast" is not an SLO expression/) },
    ]);
    expect(problems({ regressions: ['p99:+10%'] })).toEqual([{ path: 'regressions', message: 'needs a baseline run to compare against' }]);
  });
});

describe('gate: multiple comparisons', () => {
  it('adjusts every regression p-value with Holm over all checks and scopes', () => {
    const eps = [
      { name: 'a', rps: 60, medianMs: 10 },
      { name: 'b', rps: 40, medianMs: 30 },
    ];
    const limits = ['p99:+1%', 'p95:+1%', 'p50:+1%', 'mean:+1%'];
    const r = gate(replicates(3, 19, { endpoints: eps, factor: 1.06 }), replicates(3, 20, { endpoints: eps }), { regressions: limits });
    const raw = r.checks.map((c) => c.regression!.pValue);
    expect(r.checks.length).toBe(12); // 4 metrics × (total, a, b)
    expect(r.checks.map((c) => c.regression!.pAdjusted)).toEqual(holm(raw));
    const none = gate(replicates(3, 19, { endpoints: eps, factor: 1.06 }), replicates(3, 20, { endpoints: eps }), { regressions: limits, correction: 'none' });
    expect(r.failed).toBeLessThanOrEqual(none.failed);
  });
});
