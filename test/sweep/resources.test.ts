import { describe, expect, it } from 'vitest';
import { targetSample, measuredWindow, type Reading } from '../../src/sweep/resources.js';
import type { ResultFile } from '../../src/results/types.js';

/** 4 workers; busy ∫ grows 2 worker-ms per ms until t = 1000, then 4 per ms (saturated); the loop is 10% then 30% busy. */
const readings: Reading[] = [0, 500, 1000, 1500, 2000].map((t) => ({
  epochMs: 10_000 + t,
  workers: 4,
  busyMs: t <= 1000 ? 2 * t : 2000 + 4 * (t - 1000),
  active: t <= 1000 ? 0.1 * t : 100 + 0.3 * (t - 1000),
  idle: t <= 1000 ? 0.9 * t : 900 + 0.7 * (t - 1000),
}));

describe('targetSample (busy fractions over a window from cumulative readings)', () => {
  it.each([
    ['the first second: 2 of 4 workers, loop 10%', 10_000, 11_000, 0.5, 0.1],
    ['the second second: saturated, loop 30%', 11_000, 12_000, 1, 0.3],
    ['a window between readings is interpolated: [10 750, 11 250]', 10_750, 11_250, 0.75, 0.2],
    ['clamped to the readings', 9_000, 20_000, 0.75, 0.2],
  ])('%s', (_n, from, to, workers, loop) => {
    const s = targetSample(readings, from, to)!;
    expect(s.workersBusy).toBeCloseTo(workers, 9);
    expect(s.loopBusy).toBeCloseTo(loop, 9);
  });

  it('an empty window gives null', () => {
    expect(targetSample(readings, 12_500, 13_000)).toBeNull();
    expect(targetSample([], 0, 1)).toBeNull();
  });

  it('the measured window is [start + warm-up, start + warm-up + measure]', () => {
    const result = { run: { startEpochMs: 5_000 } } as ResultFile;
    expect(measuredWindow(result, 300, 1000)).toEqual({ fromEpochMs: 5_300, toEpochMs: 6_300 });
  });
});
