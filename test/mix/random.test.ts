import { describe, expect, it } from 'vitest';
import { Random } from '../../src/mix/random.js';

describe('Random', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 20 }, () => a.float());
    expect(Array.from({ length: 20 }, () => b.float())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.float())).not.toEqual(xs);
  });

  it('float is in [0, 1) with mean ≈ 1/2; exponential has mean ≈ 1', () => {
    const r = new Random(1);
    let s = 0;
    let e = 0;
    const N = 100_000;
    for (let i = 0; i < N; i++) {
      const u = r.float();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      e += r.exponential();
    }
    // σ of the mean: uniform √(1/12)/√N ≈ 0.0009, exponential 1/√N ≈ 0.003; allow 5σ.
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(e / N - 1)).toBeLessThan(0.016);
  });

  it.each([
    [1, 6],
    [-3, 3],
    [0, 0],
    [1, 1e12],
  ])('int(%d, %d) stays in range, and wide ranges reach the upper half', (min, max) => {
    const r = new Random(5);
    let high = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = r.int(min, max);
      expect(Number.isInteger(v) && v >= min && v <= max).toBe(true);
      if (v > (min + max) / 2) high++;
    }
    // P(v > mid) = #{integers in (mid, max]} / (max − min + 1); 5σ of a binomial over 10k draws ≤ 250.
    const p = (max - Math.floor((min + max) / 2)) / (max - min + 1);
    expect(Math.abs(high - 10_000 * p)).toBeLessThan(250);
  });

  it('values above 2³² in a wide range are not all multiples of the 32-bit grid', () => {
    const r = new Random(9);
    const step = 1e12 / 4294967296; // ≈ 232.8: the grid a single 32-bit draw would give
    const offGrid = Array.from({ length: 1000 }, () => r.int(0, 1e12 - 1)).filter((v) => Math.abs(v / step - Math.round(v / step)) * step > 1);
    expect(offGrid.length).toBeGreaterThan(900);
  });
});
