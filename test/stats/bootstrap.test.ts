import { describe, expect, it } from 'vitest';
import { bootstrapTwoSample, pairedEffects, percentileInterval } from '../../src/stats/bootstrap.js';
import { splitMix32 } from '../../src/stats/random.js';

const mean = (d: number[], idx: Int32Array) => {
  let s = 0;
  for (const i of idx) s += d[i];
  return s / idx.length;
};

describe('bootstrap', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = { size: 5, data: [1, 2, 3, 4, 5], stat: mean };
    const b = { size: 4, data: [2, 3, 4, 9], stat: mean };
    const r1 = pairedEffects(bootstrapTwoSample(a, b, { resamples: 200, seed: 7 }), (x, y) => y - x);
    const r2 = pairedEffects(bootstrapTwoSample(a, b, { resamples: 200, seed: 7 }), (x, y) => y - x);
    const r3 = pairedEffects(bootstrapTwoSample(a, b, { resamples: 200, seed: 8 }), (x, y) => y - x);
    expect([...r1]).toEqual([...r2]);
    expect([...r1]).not.toEqual([...r3]);
    expect(r1.length).toBe(200);
  });

  it('pairedEffects drops NaN effects', () => {
    const e = pairedEffects({ a: Float64Array.from([0, 2]), b: Float64Array.from([1, 3]) }, (x, y) => (x === 0 ? NaN : y / x - 1));
    expect([...e]).toEqual([0.5]);
  });

  it('the percentile interval of a difference of means covers the true difference', () => {
    // Normal(10, 1) vs Normal(11, 1), 200 each: true difference 1; SE ≈ 0.1.
    const rnd = splitMix32(3);
    const norm = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const a = Array.from({ length: 200 }, () => 10 + norm());
    const b = Array.from({ length: 200 }, () => 11 + norm());
    const samples = pairedEffects(bootstrapTwoSample({ size: 200, data: a, stat: mean }, { size: 200, data: b, stat: mean }, { resamples: 1000, seed: 1 }), (x, y) => y - x);
    const [lo, hi] = percentileInterval(samples, 0.95);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1);
    expect(hi - lo).toBeGreaterThan(0.2); // ≈ 2·1.96·0.1 = 0.39
    expect(hi - lo).toBeLessThan(0.6);
  });

  it('percentileInterval interpolates order statistics; empty → NaN', () => {
    const s = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [lo, hi] = percentileInterval(s, 0.8);
    expect(lo).toBeCloseTo(1, 12);
    expect(hi).toBeCloseTo(9, 12);
    expect(percentileInterval(new Float64Array(0))).toEqual([NaN, NaN]);
  });
});
