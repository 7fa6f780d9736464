import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ceilClean, spikeBacklog } from '../../src/analysis/spike-backlog.js';

describe('spikeBacklog', () => {
  it("reproduces the guide's §17.5.3 worked example: 2× for 5 s at 1000 req/s × 10 ms", () => {
    const r = spikeBacklog({ baseRatePerSec: 1000, serviceTimeSec: 0.01, spikeMultiplier: 2, spikeDurationSec: 5, margin: 0.1 });
    expect(r.steadyInSystem).toBe(10);
    expect(r.backlog).toBe(5000);
    expect(r.peakInSystem).toBe(5010);
    expect(r.recommendedQueueSize).toBe(5511);
    expect(r.roughQueueSize).toBe(5600); // the guide quotes "~5500"; a configured size never goes below the recommendation
    expect(r.capacityPerSec).toBe(1000);
    expect(r.capacityDefaulted).toBe(true);
    expect(r.drainTimeSec).toBe(Infinity); // capacity = base rate: never drains
    expect(r.worstExtraWaitSec).toBe(5);
  });

  it("the exercise's 3× for 30 s: 60 000 backlog, 60 010 peak, 66 011 with 10% margin", () => {
    const r = spikeBacklog({ baseRatePerSec: 1000, serviceTimeSec: 0.01, spikeMultiplier: 3, spikeDurationSec: 30, margin: 0.1 });
    expect([r.backlog, r.peakInSystem, r.recommendedQueueSize]).toEqual([60_000, 60_010, 66_011]);
    expect(r.worstExtraWaitSec).toBe(60);
  });

  it.each([
    // capacity, backlog, drain s, extra wait s
    [1500, 2500, 5, 2500 / 1500],
    [2000, 0, 0, 0],
    [5000, 0, 0, 0],
  ])('with capacity %d req/s: backlog %d, drains in %d s, worst extra wait %d s', (capacity, backlog, drain, wait) => {
    const r = spikeBacklog({ baseRatePerSec: 1000, serviceTimeSec: 0.01, spikeMultiplier: 2, spikeDurationSec: 5, capacityPerSec: capacity });
    expect(r.backlog).toBe(backlog);
    expect(r.drainTimeSec).toBeCloseTo(drain, 12);
    expect(r.worstExtraWaitSec).toBeCloseTo(wait, 12);
    expect(r.recommendedQueueSize).toBe(ceilClean(10 + backlog));
  });

  it('the backlog is (mλ − R)·d and the queue covers the peak with the margin', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (rate, m, d, margin) => {
          const r = spikeBacklog({ baseRatePerSec: rate, serviceTimeSec: 0.02, spikeMultiplier: m, spikeDurationSec: d, margin });
          expect(r.backlog).toBeCloseTo(Math.max(0, m * rate - rate) * d, 6);
          expect(r.recommendedQueueSize).toBeGreaterThanOrEqual(Math.floor(r.peakInSystem * (1 + margin) * (1 - 1e-12)));
          expect(r.recommendedQueueSize - r.peakInSystem * (1 + margin)).toBeLessThan(1);
        },
      ),
      { seed: 5 },
    );
  });

  it('ceilClean drops floating-point noise but not real fractions', () => {
    expect(100 * 1.1).toBeGreaterThan(110);
    expect(ceilClean(100 * 1.1)).toBe(110);
    expect(ceilClean(5511.2)).toBe(5512);
  });
});

describe('roundUpTwoDigits', () => {
  it.each([
    [5511, 5600], [5500, 5500], [2510, 2600], [5010, 5100], [99, 99], [7, 7], [101, 110], [0, 0], [123456, 130000],
  ])('%i → %i (never below the recommendation)', async (x, want) => {
    const { roundUpTwoDigits } = await import('../../src/analysis/spike-backlog.js');
    expect(roundUpTwoDigits(x)).toBe(want);
    expect(roundUpTwoDigits(x)).toBeGreaterThanOrEqual(x);
  });
});
