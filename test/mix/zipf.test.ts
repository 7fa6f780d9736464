import { describe, expect, it } from 'vitest';
import { Random } from '../../src/mix/random.js';
import { harmonic, ZipfSampler } from '../../src/mix/zipf.js';
import { histogram } from './histogram.js';

describe('ZipfSampler', () => {
  it.each([
    [1000, 1.1],
    [1000, 1],
    [50, 0.7],
    [1_000_000, 1.2],
  ])('n=%i s=%f: top-k share matches H(k,s)/H(n,s) over 100k draws', (n, s) => {
    const z = new ZipfSampler(n, s);
    const rng = new Random(5);
    const N = 100_000;
    const h = histogram(() => z.sample(rng), N);
    for (const k of [1, 2, 10, Math.min(100, n)]) {
      let got = 0;
      for (let j = 1; j <= k; j++) got += h.get(j) ?? 0;
      const p = harmonic(k, s) / harmonic(n, s);
      // Binomial σ = √(Np(1−p)); allow 5σ.
      expect(Math.abs(got - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)) + 1);
    }
    for (const k of h.keys()) {
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(n);
    }
  });

  it.each([[0, 1], [10, 0], [10, -1]])('rejects n=%i s=%i', (n, s) => {
    expect(() => new ZipfSampler(n, s)).toThrow(RangeError);
  });
});
