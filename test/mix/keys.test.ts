import { describe, expect, it } from 'vitest';
import { createKeySampler } from '../../src/mix/keys.js';
import { Random } from '../../src/mix/random.js';
import { histogram } from './histogram.js';


describe('createKeySampler', () => {
  const rng = () => new Random(9);

  it('uniform covers [min, max] evenly', () => {
    const h = histogram(createKeySampler({ kind: 'uniform', min: 3, max: 7 }, rng()) as () => number, 50_000);
    expect([...h.keys()].sort()).toEqual([3, 4, 5, 6, 7]);
    for (const c of h.values()) expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(10_000 * 0.8));
  });

  it('pareto: P(X ≥ x) = (xm/x)^α at integer x, floored; truncated at max with no pile-up', () => {
    const N = 100_000;
    const free = histogram(createKeySampler({ kind: 'pareto', xm: 1, alpha: 1.16 }, rng()) as () => number, N);
    for (const x of [2, 5, 20]) {
      let tail = 0;
      for (const [k, c] of free) if (k >= x) tail += c;
      const p = (1 / x) ** 1.16;
      expect(Math.abs(tail - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
    }
    const capped = histogram(createKeySampler({ kind: 'pareto', xm: 1, alpha: 1.16, max: 10 }, rng()) as () => number, N);
    expect(Math.max(...capped.keys())).toBe(10);
    expect(Math.min(...capped.keys())).toBe(1);
    // Truncated law: P(X = 10) = (10^−α − 11^−α)/(1 − 11^−α).
    const p10 = (10 ** -1.16 - 11 ** -1.16) / (1 - 11 ** -1.16);
    expect(Math.abs(capped.get(10)! - N * p10)).toBeLessThan(5 * Math.sqrt(N * p10));
  });

  it('list: uniform or weighted', () => {
    const u = histogram(createKeySampler({ kind: 'list', values: [1, 2] }, rng()) as () => number, 10_000);
    expect(Math.abs(u.get(1)! - 5000)).toBeLessThan(250);
    const w = createKeySampler({ kind: 'list', values: ['a', 'b', 'c'], weights: [0, 3, 1] }, rng());
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[w() as string]++;
    expect(counts.a).toBe(0);
    expect(Math.abs(counts.b - 30_000)).toBeLessThan(5 * Math.sqrt(40_000 * 0.75 * 0.25));
  });

  it('sequence counts up, strided per stream', () => {
    const s = createKeySampler({ kind: 'sequence', start: 5 }, rng(), { index: 1, count: 4 });
    expect([s(), s(), s()]).toEqual([6, 10, 14]);
  });
});
