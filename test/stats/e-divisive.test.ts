import { describe, expect, it } from 'vitest';
import { eDivisive } from '../../src/stats/e-divisive.js';
import { normalSampler } from '../helpers/run-noise.js';

/** A series of `levels` (value, length) with N(0, σ²) noise. */
function series(levels: Array<[number, number]>, sigma: number, seed: number): number[] {
  const z = normalSampler(seed);
  return levels.flatMap(([v, n]) => Array.from({ length: n }, () => v + sigma * z()));
}

describe('eDivisive', () => {
  it('finds one shift where it starts', () => {
    const cps = eDivisive(series([[10, 30], [13, 30]], 1, 1));
    expect(cps.map((c) => c.index)).toEqual([30]);
    expect(cps[0].pValue).toBeLessThanOrEqual(0.05);
    expect(cps[0].qHat).toBeGreaterThan(0);
  });

  it('finds two shifts, up then down, in series order', () => {
    const cps = eDivisive(series([[100, 20], [130, 25], [100, 20]], 5, 2));
    expect(cps.map((c) => c.index)).toEqual([20, 45]);
  });

  it('finds a shift near the end once minSize runs show it', () => {
    const s = series([[50, 20], [60, 3]], 1, 3);
    expect(eDivisive(s).map((c) => c.index)).toEqual([20]);
    // Only 2 runs at the new level: minSize 3 must put one old run into the new segment; minSize 2 is exact.
    expect(eDivisive(s.slice(0, 22)).map((c) => c.index)).toEqual([19]);
    expect(eDivisive(s.slice(0, 22), { minSize: 2 }).map((c) => c.index)).toEqual([20]);
  });

  it.each([
    ['a constant series', Array.from({ length: 30 }, () => 7)],
    ['a series shorter than two segments', [1, 2, 3, 10, 11]],
    ['an empty series', []],
  ])('finds nothing in %s', (_name, values) => {
    expect(eDivisive(values)).toEqual([]);
  });

  it('is reproducible for a seed', () => {
    const s = series([[10, 15], [11, 15]], 1, 4);
    expect(eDivisive(s, { seed: 9 })).toEqual(eDivisive(s, { seed: 9 }));
  });

  it('raises about α false alarms on series without a change (seeded simulation)', () => {
    let alarms = 0;
    const trials = 200;
    for (let i = 0; i < trials; i++) if (eDivisive(series([[10, 40]], 1, 100 + i), { seed: i + 1, permutations: 99 }).length > 0) alarms++;
    // Binomial(200, 0.05): mean 10, sd ≈ 3.1.
    expect(alarms).toBeLessThanOrEqual(20);
  });

  it.each([
    [2, 95],
    [1, 40],
  ])('locates a %dσ shift in 20 + 20 runs within ±2 runs (seeded simulation, ≥ %d of 100)', (shift, least) => {
    let hits = 0;
    for (let i = 0; i < 100; i++) {
      const cps = eDivisive(series([[10, 20], [10 + shift, 20]], 1, 500 + i), { seed: i + 1, permutations: 99 });
      if (cps.some((c) => Math.abs(c.index - 20) <= 2)) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(least);
  });

  it('refuses non-finite values', () => {
    expect(() => eDivisive([1, NaN, 3])).toThrow();
  });
});
