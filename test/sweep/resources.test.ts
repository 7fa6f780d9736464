import { describe, expect, it } from 'vitest';
import { monitoredCpuCores, targetSample, measuredWindow, type Reading } from '../../src/sweep/resources.js';
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

describe('monitoredCpuCores (Δ process_cpu_seconds_total / Δt inside the measured window)', () => {
  // The load started 0.5 s into its wall-clock second: the window [warm-up 1 s, + 3 s] is t ∈ [1.5, 4.5].
  const series = (name: string, values: number[], source = 'http://svc/metrics') => ({
    name, labels: {}, source, stepSec: 1, t: values.map((_, i) => i), mean: values, min: values, max: values, n: values.map(() => 1),
  });
  const result = (...s: ReturnType<typeof series>[]) => ({ run: { startEpochMs: 1_000_500 }, monitor: { everyMs: 1000, sources: [], series: s } }) as unknown as ResultFile;

  it.each([
    ['0.5 core: buckets 2, 3, 4 inside, 1.0 → 2.0 s of CPU over 2 s', [result(series('process_cpu_seconds_total', [0, 0.5, 1, 1.5, 2, 9]))], 0.5],
    ['two monitored processes add', [result(series('process_cpu_seconds_total', [0, 0.5, 1, 1.5, 2]), series('process_cpu_seconds_total', [0, 0, 0, 1, 2], 'pid:42'))], 1.5],
    ['other series are ignored', [result(series('process_resident_memory_bytes', [1, 2, 3, 4, 5]))], null],
    ['fewer than two buckets inside the window', [result(series('process_cpu_seconds_total', [0, 0.5, 1]))], null],
    ['a counter reset (restart) is not a negative CPU', [result(series('process_cpu_seconds_total', [0, 5, 6, 7, 1]))], null],
    ['no monitor', [{ run: { startEpochMs: 0 } } as ResultFile], null],
  ])('%s', (_n, [r], expected) => {
    const cores = monitoredCpuCores(r, 1000, 3000);
    if (expected === null) expect(cores).toBeNull();
    else expect(cores).toBeCloseTo(expected, 9);
  });
});
