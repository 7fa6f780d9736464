import { describe, expect, it } from 'vitest';
import { measureStep, windowIntervals } from '../../src/sweep/measure.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('windowIntervals', () => {
  it.each([
    // start fraction (ms), warmup ms, measure ms → kept t values, seconds
    [0, 2000, 3000, [2, 3, 4], 3],
    [500, 2000, 3000, [3, 4], 2], // t covers [t − 0.5, t + 0.5): t = 3, 4 lie inside [2, 5)
    [0, 0, 8000, [0, 1, 2, 3, 4, 5, 6, 7], 8],
    [250, 1000, 900, [1, 2], 1.15], // too short for a whole interval: overlapping ones, their overlap with the run [0, 1.9)
  ])('start +%ims, warm-up %ims, window %ims keeps %j', (fracMs, warmupMs, measureMs, kept, seconds) => {
    const r = syntheticResult({ endpoints: [{ name: 'a', rps: 5, medianMs: 2 }], seconds: 8, startEpochMs: Date.UTC(2026, 0, 1) + fracMs });
    const w = windowIntervals(r, warmupMs, measureMs);
    expect(w.intervals.map((iv) => iv.t)).toEqual(kept);
    expect(w.seconds).toBeCloseTo(seconds, 9);
  });
});

describe('measureStep', () => {
  it('measures throughput exactly from the kept intervals, per endpoint and in total', () => {
    const r = syntheticResult({
      endpoints: [
        { name: 'get', rps: 70, medianMs: 5 },
        { name: 'post', rps: 30, medianMs: 20, errorRate: 0.1 },
      ],
      seconds: 10,
      seed: 3,
      startEpochMs: Date.UTC(2026, 0, 1),
    });
    const step = measureStep(r, 8, 3000, 5000, ['post', 'get']);
    expect(step.measuredSec).toBe(5);
    expect(step.total.throughput).toBe(100);
    expect(step.total.completed).toBe(500);
    expect(step.endpoints.map((e) => [e.name, e.throughput])).toEqual([['post', 30], ['get', 70]]);
    const postErrors = r.intervals.slice(3, 8).reduce((a, iv) => a + (iv.endpoints.post.errors.http5xx ?? 0), 0);
    expect(step.endpoints[0].errors).toBe(postErrors);
    expect(step.total.errors).toBe(postErrors);
    expect(step.total.p50Ms).toBeGreaterThan(4);
    expect(step.total.p99Ms).toBeGreaterThan(step.total.p50Ms);
  });
});
