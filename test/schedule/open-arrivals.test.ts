import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/profile/types.js';
import { openArrivals } from '../../src/schedule/open-arrivals.js';
import { buildShape } from '../../src/shapes/registry.js';
import type { Shape } from '../../src/shapes/types.js';
import { SPECS } from '../shapes/fixtures.js';

function drain(shape: Shape, workerIndex: number, workerCount: number, arrivals: 'uniform' | 'poisson', seed = 7): number[] {
  const it = openArrivals(shape, { workerIndex, workerCount, arrivals, seed });
  const out: number[] = [];
  for (let t = it.next(); t !== Infinity; t = it.next()) out.push(t);
  expect(it.next()).toBe(Infinity); // stays over
  return out;
}

/** Interleave per-worker schedules back into arrival order: arrival k came from worker (k−1) mod W. */
function interleave(parts: number[][]): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const p = parts[k % parts.length];
    const i = Math.floor(k / parts.length);
    if (i >= p.length) break;
    out.push(p[i]);
  }
  expect(out.length).toBe(parts.reduce((a, p) => a + p.length, 0));
  return out;
}

function expectNonDecreasing(xs: number[]): void {
  for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
}

describe('openArrivals (uniform)', () => {
  it.each(SPECS)('%s: count is floor(cumulative(T)) and arrival k sits where cumulative = k', (_n, spec) => {
    const shape = buildShape(spec);
    const all = drain(shape, 0, 1, 'uniform');
    expect(all.length).toBe(Math.floor(shape.cumulative(shape.durationSec)));
    expectNonDecreasing(all);
    all.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(shape.durationSec * 1000);
      expect(shape.cumulative(ms / 1000)).toBeCloseTo(i + 1, 6);
    });
  });

  it.each(SPECS)('%s: the union over 2, 3 and 7 workers is exactly the single-worker schedule', (_n, spec) => {
    const shape = buildShape(spec);
    const single = drain(shape, 0, 1, 'uniform');
    for (const W of [2, 3, 7]) {
      const parts = Array.from({ length: W }, (_, w) => drain(shape, w, W, 'uniform'));
      parts.forEach(expectNonDecreasing);
      const union = interleave(parts);
      if (shape.segments) expect(union).toEqual(single);
      // Numeric inversion: the same arrival k (cumulative = k), found from a different starting point.
      else union.forEach((t, i) => expect(shape.cumulative(t / 1000)).toBeCloseTo(shape.cumulative(single[i] / 1000), 6));
    }
  });

  it('property: any stages, any worker count → exact count, increasing, union = single', () => {
    const stage = fc.record({
      durationMs: fc.integer({ min: 0, max: 3000 }),
      from: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 300, noNaN: true })),
      to: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 300, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(stage, { maxLength: 5 }), fc.integer({ min: 1, max: 6 }), (raw, W) => {
        const stages: Stage[] = raw.map((s) => ({ ...s, name: 'x' }));
        const shape = buildShape({ kind: 'stages', stages });
        const single = drain(shape, 0, 1, 'uniform');
        expect(single.length).toBe(Math.floor(shape.cumulative(shape.durationSec)));
        expectNonDecreasing(single);
        const parts = Array.from({ length: W }, (_, w) => drain(shape, w, W, 'uniform'));
        expect(interleave(parts)).toEqual(single);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('a flat 100 req/s for 2 s is exactly every 10 ms', () => {
    const all = drain(buildShape({ kind: 'steady', level: 100, durationMs: 2000 }), 0, 1, 'uniform');
    expect(all.length).toBe(200);
    all.forEach((t, i) => expect(t).toBeCloseTo((i + 1) * 10, 9));
  });

  it('a zero-rate shape has no arrivals', () => {
    expect(drain(buildShape({ kind: 'steady', level: 0, durationMs: 5000 }), 0, 1, 'uniform')).toEqual([]);
  });

  it.each([
    [{ workerIndex: 2, workerCount: 2 }],
    [{ workerIndex: -1, workerCount: 2 }],
    [{ workerIndex: 0, workerCount: 0 }],
    [{ workerIndex: 0.5, workerCount: 2 }],
  ])('rejects %j', (w) => {
    expect(() => openArrivals(buildShape(SPECS[0][1]), { ...w, arrivals: 'uniform', seed: 1 })).toThrow(RangeError);
  });
});

describe('openArrivals (poisson)', () => {
  it.each(SPECS)('%s: union over workers equals the single-worker schedule; reproducible with the seed', (_n, spec) => {
    const shape = buildShape(spec);
    const single = drain(shape, 0, 1, 'poisson', 11);
    expectNonDecreasing(single);
    expect(drain(shape, 0, 1, 'poisson', 11)).toEqual(single);
    for (const W of [2, 3]) {
      const parts = Array.from({ length: W }, (_, w) => drain(shape, w, W, 'poisson', 11));
      const union = interleave(parts);
      if (shape.segments) expect(union).toEqual(single);
      else union.forEach((t, i) => expect(shape.cumulative(t / 1000)).toBeCloseTo(shape.cumulative(single[i] / 1000), 6));
    }
  });

  it.each([1, 2, 3, 4, 5])('seed %i: the count is within 4.5σ of Λ = cumulative(T), and per-phase counts too', (seed) => {
    // N ~ Poisson(Λ): mean Λ, σ = √Λ. 4.5σ is a ~7e-6 two-sided tail, for each of a few fixed seeds.
    const shape = buildShape({ kind: 'spike', base: 500, peak: 4000, beforeMs: 5000, riseMs: 1000, holdMs: 3000, fallMs: 1000, afterMs: 5000 });
    const times = drain(shape, 0, 1, 'poisson', seed);
    const lambda = shape.cumulative(shape.durationSec);
    expect(Math.abs(times.length - lambda)).toBeLessThan(4.5 * Math.sqrt(lambda));
    for (const p of shape.phases) {
      const n = times.filter((t) => t > p.startSec * 1000 && t <= p.endSec * 1000).length;
      const l = shape.cumulative(p.endSec) - shape.cumulative(p.startSec);
      expect(Math.abs(n - l)).toBeLessThan(4.5 * Math.sqrt(l) + 1);
    }
  });

  it('gaps of a steady Poisson process are exponential (mean 1/rate, CV ≈ 1)', () => {
    const times = drain(buildShape({ kind: 'steady', level: 1000, durationMs: 30_000 }), 0, 1, 'poisson', 3);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(1, 1); // 1 ms
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });
});
