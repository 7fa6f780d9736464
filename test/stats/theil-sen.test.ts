import { describe, expect, it } from 'vitest';
import { theilSen } from '../../src/stats/theil-sen.js';

describe('theilSen', () => {
  it('recovers an exact line; the interval collapses onto it', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const f = theilSen(x, x.map((v) => 3 + 2 * v))!;
    expect(f).toMatchObject({ slope: 2, slopeLow: 2, slopeHigh: 2, intercept: 3, n: 6 });
  });

  it('ignores outliers that move least squares: 2 of 10 points far off', () => {
    const x = [...Array(10).keys()];
    const y = x.map((v) => v * 1.5);
    y[3] = 100;
    y[8] = -50;
    const f = theilSen(x, y)!;
    expect(f.slope).toBeCloseTo(1.5, 9);
    expect(f.slopeLow).toBeLessThanOrEqual(1.5);
    expect(f.slopeHigh).toBeGreaterThanOrEqual(1.5);
  });

  it("Sen's interval: hand-computed ranks for n = 10 (N = 45, C = 1.96·√125 = 21.9, M1 = 12, M2 + 1 = 34)", () => {
    // y = x² over 0..9: pairwise slopes are i + j for i < j (sums 1..17)
    const x = [...Array(10).keys()];
    const f = theilSen(x, x.map((v) => v * v))!;
    const sums: number[] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) sums.push(i + j);
    sums.sort((a, b) => a - b);
    expect(f.slope).toBe(9); // median of the 45 sums
    expect(f.slopeLow).toBe(sums[11]);
    expect(f.slopeHigh).toBe(sums[33]);
  });

  it.each([
    [[], []],
    [[1], [1]],
    [[2, 2, 2], [1, 2, 3]],
  ])('no fit for x=%j', (x, y) => expect(theilSen(x, y)).toBeUndefined());
});
