/**
 * The soak rule with a count of full collections (src/analysis/soak.ts, "Full collections"):
 * synthetic generational heaps, sampled every 0.25 s like a compressed run scraped at 100-250 ms (or `perSec`).
 *   heap(t) = live(t) + old garbage(t) + young(t) + late(t)
 *   live    = base + leak · t                          (what the process retains; base 50 MB)
 *   old     = promote · (t − last full collection)     (garbage only a full collection frees)
 *   young   = 8 MB · ((t mod 1 s) / 1 s)               (a young collection every second)
 *   late    = uniform 0..late MB                        (garbage a scrape finds that the gauges do not name:
 *                                                        promoted between the collection and the scrape)
 * A full collection (at a sample time) empties old garbage and young; the count rises there.
 */
import { describe, expect, it } from 'vitest';
import { analyseMemory, countsAt, fullCollectionFloors, MIN_WINDOWS, type SoakMemorySeries } from '../../src/analysis/soak.js';
import { selectMemory } from '../../src/monitor/select.js';
import type { StoredSeries } from '../../src/monitor/store.js';
import { Random } from '../../src/mix/random.js';

const MB = 1e6;

interface Heap {
  seconds: number;
  /** Retained per second, MB. */
  leak: number;
  /** Old-generation garbage promoted per second, MB. */
  promote: number;
  /** Times of the full collections, s (whole seconds). */
  fulls: number[];
  /** Does the source count full collections? */
  counted?: boolean;
  /** Extra young-generation bytes at each sample, uniform 0..noise MB (scrapes late after a collection). */
  noise?: number;
  /** Does the source report its young generation (nodejs_heap_space_size_used_bytes{space="new"})? */
  youngKnown?: boolean;
  /** Retained at t = 0, MB (50). */
  base?: number;
  /** Samples per second (4). */
  perSec?: number;
  /** Unnamed garbage at each sample, uniform 0..late MB (0). */
  late?: number;
  /** The leak stops at this second (a warm-up's rise), s (never). */
  leakUntil?: number;
}

function heap({ seconds, leak, promote, fulls, counted = true, noise = 0, youngKnown = false, base = 50, perSec = 4, late = 0, leakUntil = Infinity }: Heap): SoakMemorySeries {
  const rnd = new Random(7);
  const tSec: number[] = [];
  const v: number[] = [];
  const young: number[] = [];
  const count: number[] = [];
  for (let k = 0; k <= seconds * perSec; k++) {
    const t = k / perSec;
    const done = fulls.filter((f) => f <= t);
    const lastFull = done.length ? done[done.length - 1] : 0;
    const y = 8 * (t % 1) + noise * rnd.float();
    tSec.push(t);
    v.push((base + leak * Math.min(t, leakUntil) + promote * (t - lastFull) + y + (late > 0 ? late * rnd.float() : 0)) * MB);
    young.push(y * MB);
    count.push(done.length);
  }
  return { name: 'nodejs_heap_size_used_bytes', source: 'test', tSec, min: v, max: v, ...(counted ? { fullGcs: count } : {}), ...(youngKnown ? { young } : {}) };
}

const every = (step: number, from: number, to: number) => [...Array(Math.floor((to - from) / step) + 1).keys()].map((k) => from + k * step);

describe('analyseMemory with a count of full collections', () => {
  it.each([
    {
      label: 'young healthy process, no full collection yet: the garbage-laden floor climbs 18%, yet nothing shows it is retained',
      heap: { seconds: 30, leak: 0, promote: 0.3, fulls: [] },
      verdict: 'inconclusive',
      reason: /no full collection in the steady state/,
    },
    {
      label: 'the same floors from a source that does not count full collections: the old rule says leak (the known false alarm)',
      heap: { seconds: 30, leak: 0, promote: 0.3, fulls: [], counted: false },
      verdict: 'leak',
      reason: /post-GC floor grew/,
    },
    {
      label: 'young healthy process, one full collection late in the run brings the heap back: garbage, not a leak',
      heap: { seconds: 30, leak: 0, promote: 0.3, fulls: [26] },
      verdict: 'inconclusive',
      reason: /garbage, not retained/,
    },
    {
      label: 'healthy process with a full collection every 4 s: the heap after them is flat',
      heap: { seconds: 40, leak: 0, promote: 1, fulls: every(4, 4, 40) },
      verdict: 'flat',
      reason: /heap after full collections changed/,
    },
    {
      label: 'leak of 2 MB/s with two full collections: what survives them is far above the start',
      heap: { seconds: 30, leak: 2, promote: 0.3, fulls: [12, 22] },
      verdict: 'leak',
      reason: /stayed ≥ .* above the starting floor/,
    },
    {
      label: 'leak of 2 MB/s, the only full collection before the warm-up ends: not confirmed',
      heap: { seconds: 30, leak: 2, promote: 0.3, fulls: [4] },
      verdict: 'inconclusive',
      reason: /no full collection in the steady state/,
    },
    {
      label: 'leak of 0.5 MB/s with a full collection every 4 s: the heap after them grows',
      heap: { seconds: 40, leak: 0.5, promote: 1, fulls: every(4, 4, 40) },
      verdict: 'leak',
      reason: /heap after full collections grew/,
    },
    {
      label: 'healthy, full collections every 4 s, but each reading carries up to 20 MB of young objects: too noisy to call',
      heap: { seconds: 40, leak: 0, promote: 1, fulls: every(4, 4, 40), noise: 20 },
      verdict: 'inconclusive',
      reason: /straddles/,
    },
    {
      label: 'the same, with the young generation reported (prom-client): each reading less it is flat',
      heap: { seconds: 40, leak: 0, promote: 1, fulls: every(4, 4, 40), noise: 20, youngKnown: true },
      verdict: 'flat',
      reason: /heap after full collections changed/,
    },
    {
      label: 'a garbage-laden floor, one full collection late in the run, young generation reported: garbage',
      heap: { seconds: 30, leak: 0, promote: 0.5, fulls: [27], youngKnown: true },
      verdict: 'inconclusive',
      reason: /less its young generation stayed .* garbage, not retained/,
    },
    // The built-in target at 200 req/s with V8's --heap-growing-percent=2 --optimize-for-size (without --gc-global),
    // scraped every 50..100 ms: 7 MB retained, ~16 MB/s promoted, a full collection every ~0.5 s, and each reading
    // carries the garbage promoted between the collection and the scrape (0..1.6 MB at 100 ms) that no gauge names.
    {
      label: 'healthy compressed soak: 48 full collections, each reading up to 1.6 MB of unnamed garbage: flat',
      heap: { seconds: 30, leak: 0, promote: 16, fulls: every(0.5, 6.5, 30), noise: 1, youngKnown: true, base: 7, perSec: 20, late: 1.6 },
      verdict: 'flat',
      reason: /heap after full collections changed/,
    },
    {
      label: 'the same with a 4 MB/s leak (20 KiB × 200/s): leak',
      heap: { seconds: 30, leak: 4, promote: 16, fulls: every(0.5, 6.5, 30), noise: 1, youngKnown: true, base: 7, perSec: 20, late: 1.6 },
      verdict: 'leak',
      reason: /heap after full collections grew/,
    },
    {
      label: 'the 4 MB/s leak with readings four times as noisy (up to 6 MB of unnamed garbage each): still leak',
      heap: { seconds: 30, leak: 4, promote: 16, fulls: every(0.5, 6.5, 30), noise: 1, youngKnown: true, base: 7, perSec: 20, late: 6 },
      verdict: 'leak',
      reason: /heap after full collections grew/,
    },
    {
      label: 'the healthy target with no full collection (no --heap-growth): its floors climb with garbage, nothing tells',
      heap: { seconds: 30, leak: 0, promote: 0.3, fulls: [], noise: 1, youngKnown: true, base: 7, perSec: 20, late: 0.2 },
      verdict: 'inconclusive',
      reason: /no full collection in the steady state/,
    },
  ] as const)('$label → $verdict', ({ heap: h, verdict, reason }) => {
    const f = analyseMemory(heap({ ...h, fulls: [...h.fulls] }), 6, 0.1);
    expect(f.verdict, f.reason).toBe(verdict);
    expect(f.reason).toMatch(reason);
  });

  it('a stopped run: readings from 10 to 17 s climbing with a warm-up, then none until one at 54 s back at the level: the rise is extrapolated, not seen → inconclusive, never leak', () => {
    const h = heap({ seconds: 54, leak: 0.1, leakUntil: 17, promote: 16, fulls: [...every(0.2, 10, 17), 54], noise: 1, youngKnown: true, base: 7, perSec: 20, late: 0.3 });
    // nothing sampled while the processes were stopped (17..54 s)
    const keep = h.tSec.map((t, i) => i).filter((i) => h.tSec[i] <= 17 || h.tSec[i] >= 54);
    const pick = <T,>(a: readonly T[] | undefined) => a && keep.map((i) => a[i]);
    const stopped: SoakMemorySeries = { ...h, tSec: pick(h.tSec)!, min: pick(h.min)!, max: pick(h.max)!, fullGcs: pick(h.fullGcs), young: pick(h.young) };
    const f = analyseMemory(stopped, 10, 0.1);
    expect(f.verdict, f.reason).toBe('inconclusive');
    expect(f.reason).toMatch(/heap after full collections grew .* but after the last full collection \(54 s\) .* the rise is extrapolated, not seen/);
    // the same readings with the run going on to 54 s and the rise continuing: a leak, seen at the end
    const going = analyseMemory(heap({ seconds: 54, leak: 0.1, promote: 16, fulls: every(0.2, 10, 54), noise: 1, youngKnown: true, base: 7, perSec: 20, late: 0.3 }), 10, 0.1);
    expect(going.verdict, going.reason).toBe('leak');
    expect(going.reason).toMatch(/above the starting level \+ 10%/);
  });

  it('the floors after full collections are the samples where the count rose, each with the peak until the next', () => {
    const s: SoakMemorySeries = { name: 'h', source: 's', tSec: [0, 1, 2, 3, 4, 5], min: [5, 9, 6, 8, 4, 7], max: [5, 9, 6, 8, 4, 7], fullGcs: [0, 0, 1, 1, 2, 2] };
    expect(fullCollectionFloors(s, 0)).toEqual([
      { i: 2, t: 2, floor: 6, peak: 8 },
      { i: 4, t: 4, floor: 4, peak: 7 },
    ]);
    // from index 3 on, the rise at 2 is before the steady state
    expect(fullCollectionFloors(s, 3).map((f) => f.t)).toEqual([4]);
    expect(MIN_WINDOWS).toBe(5);
  });

  it('countsAt: the counter at each time; 0 before a counter that appeared later, else carried forward', () => {
    expect(countsAt([0, 1, 2, 3, 4], [2, 4], [1, 2])).toEqual([0, 0, 1, 1, 2]);
    expect(countsAt([0, 1, 2], [0, 2], [7, 8])).toEqual([7, 7, 8]);
    expect(countsAt([0, 1], [], [])).toEqual([0, 0]);
  });
});

describe('selectMemory attaches the full-collection count of the same source', () => {
  const stored = (name: string, labels: Record<string, string>, source: string, t: number[], v: number[]): StoredSeries => ({ name, labels, source, stepSec: 1, t, mean: v, min: v, max: v, n: t.map(() => 1) });
  const heapA = stored('nodejs_heap_size_used_bytes', {}, 'a', [0, 1, 2, 3], [10, 11, 9, 12]);
  const heapB = stored('nodejs_heap_size_used_bytes', {}, 'b', [0, 1, 2, 3], [10, 11, 9, 12]);
  it.each([
    { label: 'major count of the same source (appears at the first one)', series: [heapA, stored('nodejs_gc_duration_seconds_count', { kind: 'major' }, 'a', [2, 3], [1, 1])], fullGcs: [0, 0, 1, 1] },
    { label: 'only minor collections so far: the source counts them, majors are 0', series: [heapA, stored('nodejs_gc_duration_seconds_count', { kind: 'minor' }, 'a', [0, 1, 2, 3], [3, 5, 8, 9])], fullGcs: [0, 0, 0, 0] },
    { label: 'another source’s count is not used', series: [heapA, stored('nodejs_gc_duration_seconds_count', { kind: 'major' }, 'b', [0, 1], [1, 2]), heapB].slice(0, 2), fullGcs: undefined },
    { label: 'no GC counts (dropped by allow:, or not exposed)', series: [heapA], fullGcs: undefined },
  ])('$label', ({ series, fullGcs }) => {
    const [m] = selectMemory(series, { name: 'nodejs_heap_size_used_bytes' });
    expect(m.fullGcs).toEqual(fullGcs);
  });

  it('the young generation of the same source comes with the count (Node)', () => {
    const young = stored('nodejs_heap_space_size_used_bytes', { space: 'new' }, 'a', [0, 1, 2, 3], [1, 2, 0, 1]);
    const old = stored('nodejs_heap_space_size_used_bytes', { space: 'old' }, 'a', [0, 1, 2, 3], [9, 9, 9, 9]);
    const [m] = selectMemory([heapA, old, young, stored('nodejs_gc_duration_seconds_count', { kind: 'minor' }, 'a', [0], [1])], { name: 'nodejs_heap_size_used_bytes' });
    expect(m.young).toEqual([1, 2, 0, 1]);
  });

  it('RSS gets no count (a full collection need not return pages to the system)', () => {
    const rss = stored('process_resident_memory_bytes', {}, 'a', [0, 1], [5, 6]);
    const [m] = selectMemory([rss, stored('nodejs_gc_duration_seconds_count', { kind: 'major' }, 'a', [0, 1], [1, 2])], { name: 'process_resident_memory_bytes' });
    expect(m.fullGcs).toBeUndefined();
  });
});
