import { describe, expect, it } from 'vitest';
import { analyseDrift, analyseMemory, analyseSoak, gcCyclePoints, windowFloors, type SoakMemorySeries } from '../../src/analysis/soak.js';
import { Random } from '../../src/mix/random.js';

/** A GC saw-tooth: climbs `riseMB` per period from a floor that grows `leakMBps`, sampled every second. */
function sawtooth(seconds: number, periodSec: number, riseMB: number, leakMBps: number, seed = 1): SoakMemorySeries {
  const rnd = new Random(seed);
  const phase = rnd.float() * periodSec;
  const t: number[] = [];
  const v: number[] = [];
  for (let s = 0; s < seconds; s++) {
    const within = ((s + phase) % periodSec) / periodSec;
    t.push(s);
    v.push((50 + leakMBps * s + riseMB * within + rnd.float()) * 1e6);
  }
  return { name: 'heap', source: 'test', tSec: t, min: v, max: v };
}

describe('analyseMemory', () => {
  it.each([
    { label: 'healthy saw-tooth, 5 s period, 2 min', series: sawtooth(120, 5, 20, 0), verdict: 'flat' },
    { label: 'healthy saw-tooth, 7 s period, other phase, 2 min', series: sawtooth(120, 7, 30, 0, 9), verdict: 'flat' },
    { label: 'healthy saw-tooth, 3 s period, 10 min', series: sawtooth(600, 3, 30, 0, 4), verdict: 'flat' },
    { label: 'leak of 1 MB/s under the saw-tooth', series: sawtooth(60, 5, 20, 1), verdict: 'leak' },
    { label: 'slow leak of 0.05 MB/s over 10 min', series: sawtooth(600, 5, 20, 0.05, 3), verdict: 'leak' },
    { label: 'only 10 samples', series: sawtooth(10, 5, 20, 1), verdict: 'inconclusive' },
  ] as const)('$label → $verdict', ({ series, verdict }) => {
    const f = analyseMemory(series, 10, 0.1);
    expect(f.verdict, f.reason).toBe(verdict);
  });

  it('growth, slope per hour and time to the limit follow from the fitted floor exactly', () => {
    // floor 100 MB + 0.5 MB/s, no noise, flat windows: floors lie on a line
    const t = [...Array(40).keys()];
    const v = t.map((s) => 100e6 + 0.5e6 * s);
    const f = analyseMemory({ name: 'rss', source: 's', tSec: t, min: v, max: v }, 0, 0.1, 200e6);
    expect(f.verdict).toBe('leak');
    expect(f.slopePerHour).toBeCloseTo(0.5e6 * 3600, 0);
    // floor₀ = 100 MB at t = 0; growth = 0.5 MB/s × 39 s / 100 MB = 19.5%
    expect(f.growth).toBeCloseTo(0.195, 9);
    // the last window's peak is v(39) = 119.5 MB; (200 − 119.5) MB / 0.5 MB/s = 161 s
    expect(f.lastPeak).toBe(119.5e6);
    expect(f.secondsToLimit).toBeCloseTo(161, 6);
  });

  it('a steady climb with a few small drops (RSS of a leak) is a leak, not one huge window', () => {
    const t = [...Array(224).keys()].map((i) => i / 10);
    const v = t.map((s, i) => 60e6 + 4e6 * s - (i > 80 ? 2e6 : 0) - (i > 160 ? 2e6 : 0));
    const f = analyseMemory({ name: 'rss', source: 's', tSec: t, min: v, max: v }, 0, 0.1);
    expect(f.verdict, f.reason).toBe('leak');
  });

  it('a falling series never reaches the limit', () => {
    const t = [...Array(30).keys()];
    const v = t.map((s) => 100e6 - 1e5 * s);
    const f = analyseMemory({ name: 'rss', source: 's', tSec: t, min: v, max: v }, 0, 0.1, 200e6);
    expect(f.verdict).toBe('flat');
    expect(f.secondsToLimit).toBe(Infinity);
  });

  it('windowFloors: windows span ≥ 1.5 cycles; the floor keeps its own time', () => {
    // no saw-tooth: windows of 3
    expect(windowFloors([0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6])).toEqual([
      { t: 0, floor: 1, peak: 3 },
      { t: 3, floor: 4, peak: 6 },
    ]);
    // drops every 4 points → windows of 6
    const v = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
    expect(gcCyclePoints(v)).toBe(4);
    expect(windowFloors([...v.keys()], v, v)).toEqual([
      { t: 0, floor: 1, peak: 4 },
      { t: 8, floor: 1, peak: 4 },
    ]);
  });
});

describe('analyseDrift / analyseSoak', () => {
  const pts = (f: (i: number) => number, n = 20) => [...Array(n).keys()].map((i) => ({ tSec: i * 60, value: f(i) }));
  it.each([
    ['p99', pts(() => 100), 0.1, 'flat'],
    ['p99', pts((i) => 100 + 10 * i), 0.1, 'rising'],
    ['error rate', pts(() => 0), 0.01, 'flat'],
    ['error rate', pts((i) => 0.002 * i), 0.01, 'rising'],
    ['p99', pts(() => 100, 3), 0.1, 'inconclusive'],
  ] as const)('%s %# → %s', (name, points, bound, verdict) => {
    expect(analyseDrift(name, points, 0, 60, bound).verdict).toBe(verdict);
  });

  it('passes only with memory data, all flat; no memory series is a failure', () => {
    const base = { p99: [], errorRate: [], bucketSec: 60, warmupSec: 0, maxGrowth: 0.1, maxErrorRise: 0.01 };
    const healthy = sawtooth(120, 5, 20, 0);
    expect(analyseSoak({ ...base, memory: [] }).pass).toBe(false);
    expect(analyseSoak({ ...base, memory: [healthy] }).pass).toBe(true);
    expect(analyseSoak({ ...base, memory: [healthy, sawtooth(60, 5, 20, 1)] }).pass).toBe(false);
  });
});

describe('analyseMemory honesty on short runs', () => {
  it.each([
    { label: '5 s period, 1 min: 10 collections bound the growth', series: sawtooth(60, 5, 20, 0), verdict: 'flat' },
    { label: '7 s period, 35 s: only 3 collections after the warm-up', series: sawtooth(35, 7, 30, 0, 9), verdict: 'inconclusive' },
    { label: 'a leak with rare collections still shows in the rising floor', series: sawtooth(60, 9, 5, 1, 2), verdict: 'leak' },
  ] as const)('$label → $verdict', ({ series, verdict }) => {
    expect(analyseMemory(series, 10, 0.1).verdict).toBe(verdict);
  });
});
