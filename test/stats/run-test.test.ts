import { describe, expect, it } from 'vitest';
import { pooledRunTest, runsToSettle } from '../../src/stats/run-test.js';
import { runSampler } from '../helpers/run-noise.js';

describe('pooledRunTest', () => {
  it('matches a hand computation (linear scale)', () => {
    // b = 1,2,3 (mean 2, SS 2); c = 4,5,6 (mean 5, SS 2); s_p² = 4/4 = 1; se = √(2/3); t = 3/0.8165 = 3.674, df 4.
    const r = pooledRunTest([1, 2, 3], [4, 5, 6], 'linear');
    expect(r.diff).toBe(3);
    expect(r.df).toBe(4);
    expect(r.sdRun).toBeCloseTo(1, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(r.t).toBeCloseTo(3.6742, 4);
    // P(T₄ ≥ 3.674) = 0.01066 (R: pt(3.674235, 4, lower.tail = FALSE)).
    expect(r.pGreater).toBeCloseTo(0.01066, 4);
    expect(r.pLess).toBeCloseTo(1 - 0.01066, 4);
    // t_{4, 0.975} = 2.776445: 3 ± 2.776445·0.816497.
    expect(r.ci[0]).toBeCloseTo(3 - 2.776445 * 0.816497, 4);
    expect(r.ci[1]).toBeCloseTo(3 + 2.776445 * 0.816497, 4);
  });

  it('works on the log scale: a doubling is d = ln 2', () => {
    const r = pooledRunTest([10, 10, 10], [20, 20, 20], 'log');
    expect(r.diff).toBeCloseTo(Math.LN2, 12);
    expect(r.se).toBe(0);
    expect(r.t).toBe(Infinity);
    expect(r.pGreater).toBe(0);
    expect(r.pLess).toBe(1);
  });

  it('one current run against n baseline runs is the prediction band: t = (y − ȳ)/(s·√(1 + 1/n)), df n − 1', () => {
    const b = [10, 12, 11, 13];
    const r = pooledRunTest(b, [16], 'linear');
    const m = 11.5;
    const s = Math.sqrt(b.reduce((a, x) => a + (x - m) ** 2, 0) / 3);
    expect(r.df).toBe(3);
    expect(r.t).toBeCloseTo((16 - m) / (s * Math.sqrt(1 + 1 / 4)), 12);
  });

  it.each([
    ['one run per side', [5], [6], 'no test'],
    ['identical runs', [5, 5], [5, 5], 'no evidence'],
  ] as const)('%s', (_name, b, c, expected) => {
    const r = pooledRunTest(b, c, 'linear');
    if (expected === 'no test') {
      expect(r.df).toBe(0);
      expect(r.pGreater).toBeNaN();
      expect(r.ci[0]).toBeNaN();
    } else {
      expect(r.t).toBe(0);
      expect(r.pGreater).toBe(1);
      expect(r.pLess).toBe(1);
    }
  });

  it.each([
    [[], [1]],
    [[1], [0]],
    [[1], [NaN]],
  ])('refuses unusable input %j vs %j on the log scale', (b, c) => {
    expect(() => pooledRunTest(b, c, 'log')).toThrow();
  });

  it('keeps its level under run-level noise: about α of A/A comparisons are significant (seeded simulation)', () => {
    const sample = runSampler({ sigma: 0.1, burstRate: 0, burstMax: 0 }, 11);
    let hits = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) if (pooledRunTest(sample(8, 3), sample(8, 3), 'log').pGreater < 0.05) hits++;
    // Binomial(4000, 0.05): mean 200, sd ≈ 14.
    expect(hits).toBeGreaterThan(150);
    expect(hits).toBeLessThan(250);
  });
});

describe('runsToSettle', () => {
  it('grows as the observed t shrinks and is NaN when the runs lean the other way', () => {
    const a = runsToSettle(3, 2, 0.05 / 3);
    const b = runsToSettle(3, 1, 0.05 / 3);
    expect(a).toBeGreaterThan(3);
    expect(b).toBeGreaterThan(a);
    expect(runsToSettle(3, -1, 0.05)).toBeNaN();
    expect(runsToSettle(3, Infinity, 0.05)).toBeNaN();
  });
});
