import { describe, expect, it } from 'vitest';
import { mannWhitneyU, rankWithTies } from '../../src/stats/mann-whitney.js';
import { normalCdf, normalQuantile } from '../../src/stats/normal.js';

// Reference values from SciPy 1.17 `scipy.stats.mannwhitneyu` (method exact / asymptotic, use_continuity=True).
const X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28];
const TA = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6];
const TB = [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5];

describe('mannWhitneyU', () => {
  it.each([
    ['greater', 0.06795557383792677],
    ['less', 0.943253805018511],
    ['two-sided', 0.13591114767585355],
  ] as const)('exact p (no ties, small n), %s', (alt, p) => {
    const r = mannWhitneyU(X, Y, alt);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(58);
    expect(r.pValue).toBeCloseTo(p, 10);
  });

  it.each([
    ['greater', 0.03928595062460591],
    ['less', 0.9619793414275459],
    ['two-sided', 0.07857190124921182],
  ] as const)('normal approximation with tie correction, %s', (alt, p) => {
    const r = mannWhitneyU(TA, TB, alt);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(567);
    expect(r.pValue).toBeCloseTo(p, 6);
  });

  it('large samples use the normal approximation and find a clear shift', () => {
    const a = Array.from({ length: 60 }, (_, i) => 100 + i);
    const b = Array.from({ length: 60 }, (_, i) => 130 + i);
    expect(mannWhitneyU(b, a, 'greater').pValue).toBeLessThan(1e-6);
    expect(mannWhitneyU(b, a, 'less').pValue).toBeGreaterThan(0.99);
  });

  it.each([
    ['all values equal', [5, 5, 5], [5, 5, 5, 5]],
    ['empty x', [], [1, 2]],
    ['empty y', [1, 2], []],
  ])('no evidence → p = 1: %s', (_name, x, y) => {
    expect(mannWhitneyU(x, y, 'greater').pValue).toBe(1);
  });
});

/** Brute force: the share of all C(N, nX) relabellings whose x rank sum is ≥ (≤) the observed one. */
function bruteForce(x: number[], y: number[]): { greater: number; less: number } {
  const pooled = [...x, ...y];
  const { ranks } = rankWithTies(pooled);
  const observed = x.reduce((a, _, i) => a + ranks[i], 0);
  let ge = 0;
  let le = 0;
  let all = 0;
  const pick = (start: number, left: number, sum: number): void => {
    if (left === 0) {
      all++;
      if (sum >= observed - 1e-9) ge++;
      if (sum <= observed + 1e-9) le++;
      return;
    }
    for (let i = start; i <= pooled.length - left; i++) pick(i + 1, left - 1, sum + ranks[i]);
  };
  pick(0, x.length, 0);
  return { greater: ge / all, less: le / all };
}

describe('mannWhitneyU: exact with ties (small samples)', () => {
  it.each([
    ['per-second p50s on bucket edges', [8.05, 8.33, 8.05, 8.73, 8.33, 9.0, 6.13], [5.99, 6.13, 5.65, 5.99, 6.27, 5.74]],
    ['heavy ties', [1, 1, 2, 2, 3, 3, 3], [1, 2, 2, 2, 3, 1, 1, 2]],
    ['one value tied across groups', [4, 5, 6, 7], [1, 2, 3, 4, 4]],
  ])('equals full enumeration: %s', (_name, x, y) => {
    const ref = bruteForce(x, y);
    const g = mannWhitneyU(x, y, 'greater');
    expect(g.method).toBe('exact');
    expect(g.pValue).toBeCloseTo(ref.greater, 12);
    expect(mannWhitneyU(x, y, 'less').pValue).toBeCloseTo(ref.less, 12);
    expect(mannWhitneyU(x, y, 'two-sided').pValue).toBeCloseTo(Math.min(1, 2 * Math.min(ref.greater, ref.less)), 12);
  });

  it('9 vs 9 seconds, completely separated, with ties inside each run: p = 1/C(18, 9)', () => {
    const slow = [8.05, 8.05, 8.33, 8.33, 8.73, 9.0, 8.14, 8.15, 8.26];
    const fast = [5.99, 5.99, 6.13, 6.27, 5.74, 5.65, 5.21, 5.12, 5.12];
    const r = mannWhitneyU(slow, fast, 'greater');
    expect(r.pValue).toBeCloseTo(1 / 48620, 15);
  });
});

describe('rankWithTies', () => {
  it('averages tied ranks and sums t³ − t', () => {
    const { ranks, tieTerm } = rankWithTies([10, 20, 20, 30, 20]);
    expect([...ranks]).toEqual([1, 3, 3, 5, 3]);
    expect(tieTerm).toBe(27 - 3);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1.6448536269514722, 0.05],
    [-5, 2.866515718791939e-7],
  ])('Φ(%f) = %f', (z, p) => {
    expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(2e-7);
  });
});

describe('normalQuantile', () => {
  it.each([0.5, 0.975, 0.95, 0.0042, 1 - 1e-6])('inverts normalCdf at %s', (p) => {
    expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 9);
  });
  it('knows the textbook values and the edges', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect([normalQuantile(0), normalQuantile(1), normalQuantile(1.5)]).toEqual([-Infinity, Infinity, NaN]);
  });
});
