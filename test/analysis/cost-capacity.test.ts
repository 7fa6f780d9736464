import { describe, expect, it } from 'vitest';
import { capacityFromResult, capacityFromSweep, isSweepJson } from '../../src/analysis/fleet-capacity.js';
import { syntheticResult } from '../helpers/synthetic-result.js';

describe('capacityFromResult', () => {
  it.each([
    // rps per second: 100 for 12 s, ×3 in seconds [4, 9) → the best 5-s window is exactly 300/s
    ['a 5-second spike to 300/s', 12, (t: number) => (t >= 4 && t < 9 ? 3 : 1), 0, 300],
    // a 3-s spike: best window = (3·300 + 2·100)/5 = 220
    ['a 3-second spike', 12, (t: number) => (t >= 4 && t < 7 ? 3 : 1), 0, 220],
    // a run shorter than the window averages all of it
    ['a 3-second run', 3, () => 1, 0, 100],
  ])('%s', (_name, seconds, rateFactor, errorRate, want) => {
    const result = syntheticResult({ endpoints: [{ name: 'a', rps: 100, medianMs: 5, errorRate }], seconds, rateFactor });
    const c = capacityFromResult(result, 'r.json');
    expect(c.capacityRps).toBeCloseTo(want, 9);
    expect(c.source).toBe(`highest ${Math.min(5, seconds)}-s mean of successful responses in r.json`);
  });

  it('counts only successful responses: with 10 % errors, Σ 2xx/3xx over the 5 s ÷ 5', () => {
    const result = syntheticResult({ endpoints: [{ name: 'a', rps: 100, medianMs: 5, errorRate: 0.1 }], seconds: 5 });
    const okTotal = Object.entries(result.summary.total.statusCodes).reduce((s, [code, n]) => s + (Number(code) < 400 ? n : 0), 0);
    const c = capacityFromResult(result, 'r.json').capacityRps;
    expect(c).toBe(okTotal / 5);
    expect(c).toBeGreaterThan(80);
    expect(c).toBeLessThan(98);
  });

  it('sums every endpoint', () => {
    const result = syntheticResult({ endpoints: [{ name: 'a', rps: 60, medianMs: 5 }, { name: 'b', rps: 40, medianMs: 9 }], seconds: 6 });
    expect(capacityFromResult(result, 'r.json').capacityRps).toBe(100);
  });
});

describe('capacityFromSweep', () => {
  const max = { concurrency: 64, throughput: 2400 };
  it.each([
    ['SLO held up to 32 users', { max, slo: { slo: 'p99<200ms', lastPass: { concurrency: 32, throughput: 1900 } } }, 1900, /last sweep step meeting p99<200ms \(32 users\)/],
    ['no SLO', { max }, 2400, /highest sweep throughput \(64 users\)/],
    ['SLO failed from the first step', { max, slo: { slo: 'p99<1ms', lastPass: null } }, 2400, /highest sweep throughput/],
  ])('%s', (_name, analysis, want, source) => {
    const sweep = { analysis };
    expect(isSweepJson(sweep)).toBe(true);
    const c = capacityFromSweep(sweep, 'sweep.json');
    expect(c.capacityRps).toBe(want);
    expect(c.source).toMatch(source);
  });

  it('a result file is not a sweep', () => {
    expect(isSweepJson(syntheticResult({ endpoints: [{ name: 'a', rps: 1, medianMs: 1 }], seconds: 1 }))).toBe(false);
    expect(isSweepJson(null)).toBe(false);
  });
});
