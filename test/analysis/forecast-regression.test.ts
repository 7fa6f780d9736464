import { describe, expect, it } from 'vitest';
import { fitLine, fitOls, linePredictionHalfWidth, quadForm } from '../../src/analysis/regression.js';
import { studentTCritical } from '../../src/analysis/distributions.js';

describe('fitLine on a hand-computed n = 5 example', () => {
  // x = 1..5, y = 2,4,5,4,5: x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6 → b = 0.6, a = 2.2;
  // residuals −0.8, 0.6, 1.0, −0.6, −0.2 → SSE = 2.4, SST = 6, R² = 0.6, s = √(2.4/3) = √0.8.
  const fit = fitLine([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);

  it.each([
    ['slope', fit.slope, 0.6],
    ['intercept', fit.intercept, 2.2],
    ['x̄', fit.xMean, 3],
    ['Sxx', fit.sxx, 10],
    ['SSE', fit.sse, 2.4],
    ['SST', fit.sst, 6],
    ['R²', fit.r2, 0.6],
    ['s', fit.s, 0.894427191],
    ['se(b) = s/√Sxx', fit.slopeSe, 0.282842712],
    ['t = b/se(b)', fit.slopeT, 2.121320344],
    // one-sided P(T₃ > 2.1213203) from Student-t tables / scipy: 0.0620135
    ['p(slope > 0)', fit.slopePUpward, 0.0620135],
  ])('%s', (_name, got, want) => {
    expect(got).toBeCloseTo(want, 6);
  });

  it.each([
    // x₀, half-width = t₃,0.975 · s · √(1 + 1/5 + (x₀ − 3)²/10), t₃,0.975 = 3.182446305
    [3, 3.182446305 * Math.sqrt(0.8) * Math.sqrt(1.2)],
    [6, 3.182446305 * Math.sqrt(0.8) * Math.sqrt(2.1)],
    [10, 3.182446305 * Math.sqrt(0.8) * Math.sqrt(6.1)],
  ])('95%% prediction half-width at x = %d', (x0, want) => {
    expect(linePredictionHalfWidth(fit, x0, 0.95)).toBeCloseTo(want, 6);
  });

  it('literal values: half-width at x = 6 is 4.124924 and t(3, 0.975) is 3.182446', () => {
    expect(studentTCritical(0.95, 3)).toBeCloseTo(3.182446, 6);
    expect(linePredictionHalfWidth(fit, 6, 0.95)).toBeCloseTo(4.124924, 5);
  });
});

describe('fitOls', () => {
  it('reproduces the straight line and its leverage 1/n + (x − x̄)²/Sxx with a centred design', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2, 4, 5, 4, 5];
    const ols = fitOls(x.map((v) => [1, v - 3]), y);
    expect(ols.beta[0]).toBeCloseTo(4, 12);
    expect(ols.beta[1]).toBeCloseTo(0.6, 12);
    expect(ols.sse).toBeCloseTo(2.4, 12);
    expect(ols.df).toBe(3);
    expect(quadForm(ols.xtxInv, [1, 6 - 3])).toBeCloseTo(1 / 5 + 9 / 10, 12);
  });

  it('solves an exact three-coefficient model', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((x) => [1, x, x * x]);
    const y = rows.map(([, x, x2]) => 3 - 2 * x + 0.5 * x2);
    const ols = fitOls(rows, y);
    expect(ols.beta.map((b) => Number(b.toFixed(9)))).toEqual([3, -2, 0.5]);
    expect(ols.sse).toBeLessThan(1e-18);
  });

  it.each([
    ['singular design', [[1, 1], [2, 2], [3, 3]], [1, 2, 3], /singular/],
    ['too few points', [[1, 0], [1, 1]], [1, 2], /more points/],
  ])('refuses a %s', (_n, rows, y, msg) => {
    expect(() => fitOls(rows as number[][], y as number[])).toThrow(msg as RegExp);
  });

  it('fitLine refuses fewer than 3 points and equal x', () => {
    expect(() => fitLine([1, 2], [1, 2])).toThrow(/at least 3/);
    expect(() => fitLine([1, 1, 1], [1, 2, 3])).toThrow(/x are equal/);
  });
});
