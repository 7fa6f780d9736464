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
