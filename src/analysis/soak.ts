/**
 * Soak analysis (§17.4.4): does the server's memory grow during the steady state, and do p99
 * and the error rate drift? Pure: series in, verdicts out.
 *
 * Memory: a healthy garbage-collected heap saw-tooths (it climbs between collections and drops
 * after each), so the raw samples trend up or down depending on where the run stops. A leak
 * raises the floor the collector returns to. So the post-GC floors of the steady state (after the
 * warm-up) are taken — the sample after each drop, or each window's minimum when there are few
 * drops (see {@link windowFloors}) — and a Theil–Sen line with Sen's 95% interval is fitted to them:
 *   growth = slope · D / floor₀     D = steady-state length, floor₀ = fitted floor at its start
 *                                   (the first floor when the line extrapolates to ≤ 0 there)
 *   leak         if slopeLow > 0 and growth > maxGrowth (an upward trend that is real and too big)
 *   flat         if growth at slopeHigh ≤ maxGrowth     (even the upper end stays within the bound)
 *   inconclusive otherwise, or with fewer than MIN_WINDOWS floors.
 * (The last floor of a saw-tooth is its final drop: the fit never rests on where the run stopped.)
 *
 * Full collections. A young-generation collection leaves the garbage that reached the old
 * generation in place; only a full (major) collection removes it. A young process promotes
 * garbage steadily and may run no full collection for minutes, so its post-GC floors climb
 * although it retains nothing (a fresh Node target: +60..+125% in 25 s) — a leak to the rule above.
 * When the source counts its full collections ({@link FULL_GC_COUNTERS}), the heap right after
 * each one is the only reading free of old garbage, so:
 *   1. with ≥ MIN_WINDOWS full collections in the steady state, the same rule on those readings
 *      (the smallest sample of each point where the count rose, less the young generation when the
 *      source reports it) decides if it says leak or flat; a `leak` must also be seen at the end, not
 *      only extrapolated: the lowest reading from the last full collection on must exceed
 *      level₀ · (1 + maxGrowth), else `inconclusive` (readings clustered early in the steady state,
 *      e.g. by a stopped process, extrapolate a warm-up's small rise over the whole of it);
 *   2. otherwise the rule on the post-GC floors, except that `leak` needs memory that survived a
 *      full collection: the lowest reading (less the young generation) from the last full collection on that leaves ≥ CONFIRM_TAIL
 *      of the steady state after it must exceed floor₀ · (1 + maxGrowth); with no such collection
 *      it is `inconclusive` (garbage and a leak look the same until a full collection tells them apart).
 * (Full collections often come in bursts, so their readings alone can be too few or too clustered
 * in time to bound a slope; step 2 then still judges.) A reading also holds the garbage promoted
 * between the collection and the scrape (never less than what is retained): its noise is about
 * promotion rate × scrape interval, which the Theil–Sen interval absorbs when readings are many.
 * Time is wall time: a run whose processes were stopped (SIGSTOP) stretches the steady state
 * by the stop, and the interval of its growth with it.
 * p99 and error rate use the same fit on their per-bucket values (no floor: they do not saw-tooth).
 */
import { theilSen, type TheilSenFit } from '../stats/theil-sen.js';
import { formatBytes, formatNumber, formatPercent } from '../render/format.js';

/** Floors fewer than this cannot support a verdict. */
export const MIN_WINDOWS = 5;

/** Windows the steady state is cut into, at most (one floor each). */
export const MAX_WINDOWS = 30;

/**
 * A full collection confirms a leak only with at least this fraction of the steady state after it:
 * the lowest heap over that tail is a reading after the young collections too (a single sample
 * right after a full collection can still hold megabytes of young objects).
 */
export const CONFIRM_TAIL = 0.1;

/**
 * The counter of full collections that goes with a heap metric of the same source, and the gauge
 * of its young generation if it has one. Node (prom-client's default metrics) counts mark-compacts
 * as nodejs_gc_duration_seconds_count{kind="major"} and reports the young generation as
 * nodejs_heap_space_size_used_bytes{space="new"}: objects allocated since the collection (up to
 * 8 MB measured 0.1 s after one, on a 7 MB heap) that say nothing about what is retained. Every Go
 * collection is a full one, and Go has no young generation. (The JVM names its old-generation
 * collector per GC algorithm, so JVM heaps fall back to the post-GC floors.)
 */
export const FULL_GC_COUNTERS: Readonly<Record<string, { name: string; labels?: Record<string, string>; young?: { name: string; labels?: Record<string, string> } }>> = {
  nodejs_heap_size_used_bytes: {
    name: 'nodejs_gc_duration_seconds_count',
    labels: { kind: 'major' },
    young: { name: 'nodejs_heap_space_size_used_bytes', labels: { space: 'new' } },
  },
  go_memstats_heap_inuse_bytes: { name: 'go_gc_duration_seconds_count' },
};

/**
 * A counter's value at each time of `tSec`: its point at the same time, else its last point
 * before; before its first point, 0 when it appeared after `tSec[0]` (a labelled counter appears at
 * its first increment), else its first value. `counterT` ascending.
 */
export function countsAt(tSec: readonly number[], counterT: readonly number[], counterV: readonly number[]): number[] {
  let j = -1;
  const before = counterT.length > 0 && counterT[0] > tSec[0] ? 0 : (counterV[0] ?? 0);
  return tSec.map((t) => {
    while (j + 1 < counterT.length && counterT[j + 1] <= t) j++;
    return j >= 0 ? counterV[j] : before;
  });
}

/** One memory series: times in seconds since the load started, values in bytes. */
export interface SoakMemorySeries {
  /** Display name, e.g. `nodejs_heap_size_used_bytes` or `process_resident_memory_bytes{pid="42"}`. */
  name: string;
  /** Where it came from (URL or pid:N). */
  source: string;
  tSec: readonly number[];
  /** Smallest sample of each point (the store's min column; the sample itself at full resolution). */
  min: readonly number[];
  /** Largest sample of each point. */
  max: readonly number[];
  /**
   * Full (major) collections the source has counted by each point (cumulative, same scrapes), when
   * it counts them (see {@link FULL_GC_COUNTERS}); absent otherwise.
   */
  fullGcs?: readonly number[];
  /**
   * Bytes in the young generation at each point (same scrapes), when the source reports it with its
   * full-collection count: subtracted from the readings after full collections (see {@link fullCollectionFloors}).
   */
  young?: readonly number[];
}

/** A per-bucket client-side series: p99 in ms, or error rate as a fraction. */
export interface SoakPoint {
  /** Bucket start, seconds since the load started. */
  tSec: number;
  value: number;
}

/** Input of {@link analyseSoak}. */
export interface SoakInput {
  memory: SoakMemorySeries[];
  /** p99 latency per bucket, ms. */
  p99: SoakPoint[];
  /** Error rate per bucket (errors / requests). */
  errorRate: SoakPoint[];
  /** Bucket width of p99 and errorRate, seconds. */
  bucketSec: number;
  /** Seconds ignored at the start. */
  warmupSec: number;
  /** Allowed growth over the steady state as a fraction (0.1 = 10%); p99 uses it too. */
  maxGrowth: number;
  /** Allowed rise of the error rate over the steady state, absolute (0.01 = 1 percentage point). */
  maxErrorRise: number;
  /** Memory limit in bytes, for the projected time to reach it. */
  memoryLimitBytes?: number;
}

/** Verdict of a memory series. */
export type MemoryVerdict = 'leak' | 'flat' | 'inconclusive';
/** Verdict of p99 or error rate. */
export type DriftVerdict = 'rising' | 'flat' | 'inconclusive';

/** A fitted trend over the steady state. */
export interface SoakTrend {
  /** Points fitted (floors for memory, buckets otherwise). */
  points: number;
  /** Steady state fitted: [start, end] seconds since the load started. */
  fromSec: number;
  toSec: number;
  /** Theil–Sen slope per hour and its 95% interval (value units per hour). */
  slopePerHour: number;
  slopePerHourLow: number;
  slopePerHourHigh: number;
  /** Fitted level at fromSec (memory: the post-GC floor). */
  startLevel: number;
  /** Growth over the steady state: slope · (to − from), relative to startLevel (p99, memory) or absolute (error rate). */
  growth: number;
  growthLow: number;
  growthHigh: number;
}

/** The analysis of one memory series. */
export interface MemoryFinding extends Partial<SoakTrend> {
  name: string;
  source: string;
  verdict: MemoryVerdict;
  /** Why, in one sentence. */
  reason: string;
  /** Largest sample in the last window, bytes (the saw-tooth's peak, which meets a limit first). */
  lastPeak?: number;
  /** Projected seconds until the peak reaches the memory limit: at the slope, and the range from the interval (∞ = never). */
  secondsToLimit?: number;
  secondsToLimitLow?: number;
  secondsToLimitHigh?: number;
}

/** The analysis of p99 or error rate. */
export interface DriftFinding extends Partial<SoakTrend> {
  name: 'p99' | 'error rate';
  verdict: DriftVerdict;
  reason: string;
}

/** Everything {@link analyseSoak} found. */
export interface SoakAnalysis {
  memory: MemoryFinding[];
  p99: DriftFinding;
  errorRate: DriftFinding;
  /** True when every memory series is flat: the run passes (exit 0). */
  pass: boolean;
}

/**
 * A collection shows as a drop of more than this fraction from one sample to the next; smaller
 * decreases (RSS pages returned, rounding) are noise.
 */
export const MIN_DROP = 0.01;

/** Is sample `i` a drop: more than {@link MIN_DROP} below sample i − 1? */
const isDrop = (v: readonly number[], i: number) => v[i] < v[i - 1] * (1 - MIN_DROP);

/**
 * Typical saw-tooth cycle in points: the median gap between drops (see {@link MIN_DROP}).
 * `undefined` when there are fewer than two drops (no saw-tooth to speak of).
 */
export function gcCyclePoints(values: readonly number[]): number | undefined {
  const drops: number[] = [];
  for (let i = 1; i < values.length; i++) if (isDrop(values, i)) drops.push(i);
  if (drops.length < 2) return undefined;
  const gaps = drops.slice(1).map((d, k) => d - drops[k]).sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

/**
 * The post-GC floors of a series: one point per collection, the sample right after a drop
 * (a local minimum: a drop, see {@link MIN_DROP}, and not above the sample after it). When the series
 * shows fewer than {@link MIN_WINDOWS} drops, it is cut into windows instead and each window's
 * minimum is the floor: windows of 3 points for a climb with small drops, and for a slow
 * saw-tooth (the drops undo ≥ half the rises) windows of 1.5 cycles, so every window holds a
 * collection:  w = max(3, ⌈1.5 · cycle⌉), windows = min(MAX_WINDOWS, ⌊n / w⌋).
 * Each floor keeps its own time; `peak` is the largest sample from that floor to the next.
 */
export function windowFloors(tSec: readonly number[], min: readonly number[], max: readonly number[]): Array<{ t: number; floor: number; peak: number }> {
  const n = tSec.length;
  const minima: number[] = [];
  for (let i = 1; i < n; i++) if (isDrop(min, i) && (i === n - 1 || min[i] <= min[i + 1])) minima.push(i);
  const bounds: Array<[number, number]> = [];
  if (minima.length >= MIN_WINDOWS) {
    minima.forEach((a, k) => bounds.push([a, k + 1 < minima.length ? minima[k + 1] : n]));
  } else {
    // Few collections. If the drops undo at least half of the rises it is a slow saw-tooth: each
    // window must span 1.5 cycles. Otherwise (a steady climb with a few small drops, RSS) windows of 3.
    let rises = 0;
    let falls = 0;
    for (let i = 1; i < n; i++) {
      const d = min[i] - min[i - 1];
      if (d > 0) rises += d;
      else falls -= d;
    }
    const cycle = falls >= 0.5 * rises ? (gcCyclePoints(min) ?? 0) : 0;
    const w = Math.max(3, Math.ceil(1.5 * cycle));
    const windows = Math.min(MAX_WINDOWS, Math.floor(n / w));
    for (let k = 0; k < windows; k++) bounds.push([Math.floor((k * n) / windows), Math.floor(((k + 1) * n) / windows)]);
  }
  return bounds.map(([a, b]) => {
    let at = a;
    let peak = -Infinity;
    for (let i = a; i < b; i++) {
      if (min[i] < min[at]) at = i;
      peak = Math.max(peak, max[i]);
    }
    return { t: tSec[at], floor: min[at], peak };
  });
}

function trend(fit: TheilSenFit, fromSec: number, toSec: number, relative: boolean, firstLevel?: number): SoakTrend {
  const span = toSec - fromSec;
  const fitted = fit.intercept + fit.slope * fromSec;
  // a steep line can extrapolate to ≤ 0 at the start: the first floor is the level there then
  const startLevel = fitted <= 0 && firstLevel !== undefined && firstLevel > 0 ? firstLevel : fitted;
  const scale = relative ? startLevel : 1;
  const g = (s: number) => (s * span) / scale;
  return {
    points: fit.n,
    fromSec,
    toSec,
    slopePerHour: fit.slope * 3600,
    slopePerHourLow: fit.slopeLow * 3600,
    slopePerHourHigh: fit.slopeHigh * 3600,
    startLevel,
    growth: g(fit.slope),
    growthLow: g(fit.slopeLow),
    growthHigh: g(fit.slopeHigh),
  };
}

const pct = (f: number) => formatPercent(f);

/** The reading of point `i` after a full collection: its smallest sample less its young generation (when known). */
const retained = (s: SoakMemorySeries, i: number) => s.min[i] - (s.young?.[i] ?? 0);

/** The lowest such reading from point `i` to the end: memory that stayed, whatever collected after `i`. */
const lowestRetainedFrom = (s: SoakMemorySeries, i: number) => Math.min(...s.min.slice(i).map((_, k) => retained(s, i + k)));

/**
 * The heap right after each full collection of the steady state: the points (index ≥ `from`) where
 * the full-collection count rose, each with its smallest sample less the young generation
 * (`floor`); `peak` is the largest sample from there to the next such point.
 */
export function fullCollectionFloors(s: SoakMemorySeries, from: number): Array<{ i: number; t: number; floor: number; peak: number }> {
  const c = s.fullGcs ?? [];
  const at: number[] = [];
  for (let i = Math.max(1, from); i < c.length; i++) if (c[i] > c[i - 1]) at.push(i);
  return at.map((i, k) => {
    let peak = -Infinity;
    for (let j = i; j < (k + 1 < at.length ? at[k + 1] : s.tSec.length); j++) peak = Math.max(peak, s.max[j]);
    return { i, t: s.tSec[i], floor: retained(s, i), peak };
  });
}

type Floor = { t: number; floor: number; peak: number };

/** A Theil–Sen trend of floors and the verdict of the rule on it (before any full-collection check). */
function floorTrend(floors: readonly Floor[], fromSec: number, toSec: number, maxGrowth: number) {
  const fit = theilSen(floors.map((w) => w.t), floors.map((w) => w.floor))!;
  const tr = trend(fit, fromSec, toSec, true, floors[0].floor);
  const verdict: MemoryVerdict = tr.startLevel <= 0 ? 'inconclusive' : fit.slopeLow > 0 && tr.growth > maxGrowth ? 'leak' : tr.growthHigh <= maxGrowth ? 'flat' : 'inconclusive';
  return { tr, verdict, lastPeak: floors[floors.length - 1].peak };
}

/** Analyse one memory series after the warm-up (the rule is in the module comment). */
export function analyseMemory(s: SoakMemorySeries, warmupSec: number, maxGrowth: number, memoryLimitBytes?: number): MemoryFinding {
  const from = s.tSec.findIndex((t) => t >= warmupSec);
  const idx = from < 0 ? [] : s.tSec.map((_, i) => i).slice(from);
  const t = idx.map((i) => s.tSec[i]);
  const base = { name: s.name, source: s.source };
  const floors = windowFloors(t, idx.map((i) => s.min[i]), idx.map((i) => s.max[i]));
  if (floors.length < MIN_WINDOWS) {
    return {
      ...base,
      verdict: 'inconclusive',
      reason: `only ${floors.length} post-GC floors in ${t.length} samples after the ${warmupSec} s warm-up; need ≥ ${MIN_WINDOWS}: run longer or scrape more often`,
    };
  }
  const [t0, t1] = [t[0], t[t.length - 1]];
  const fulls = s.fullGcs ? fullCollectionFloors(s, from) : [];
  // the heap after full collections decides when there are enough of them and it is decisive
  const byFull = fulls.length >= MIN_WINDOWS ? floorTrend(fulls, t0, t1, maxGrowth) : undefined;
  const decisive = byFull && byFull.verdict !== 'inconclusive';
  const chosen = decisive ? byFull : floorTrend(floors, t0, t1, maxGrowth);
  const what = decisive ? 'heap after full collections' : 'post-GC floor';
  const { tr, lastPeak } = chosen;
  const out: MemoryFinding = { ...base, ...tr, verdict: 'inconclusive', reason: '', lastPeak };
  if (tr.startLevel <= 0) return { ...out, reason: `the fitted ${what} is ≤ 0, so growth in % is undefined` };
  if (memoryLimitBytes !== undefined) {
    // time to limit = (limit − peak) / slope; ∞ when the slope is ≤ 0
    const until = (slopePerHour: number) => (lastPeak >= memoryLimitBytes ? 0 : slopePerHour > 0 ? ((memoryLimitBytes - lastPeak) / slopePerHour) * 3600 : Infinity);
    out.secondsToLimit = until(tr.slopePerHour);
    out.secondsToLimitLow = until(tr.slopePerHourHigh);
    out.secondsToLimitHigh = until(tr.slopePerHourLow);
  }
  const range = `${pct(tr.growth)} (95% CI ${pct(tr.growthLow)}..${pct(tr.growthHigh)})`;
  const grew = `the ${what} grew ${range} over ${Math.round(tr.toSec - tr.fromSec)} s`;
  if (chosen.verdict === 'leak') {
    if (!s.fullGcs) return { ...out, verdict: 'leak', reason: `${grew}, above the ${pct(maxGrowth)} bound` };
    const bound = tr.startLevel * (1 + maxGrowth);
    if (decisive) {
      // the rise must be seen, not only extrapolated: the heap from the last full collection on vs level₀ · (1 + maxGrowth)
      const end = fulls[fulls.length - 1];
      const left = lowestRetainedFrom(s, end.i);
      const after = `after the last full collection (${formatNumber(end.t)} s) the heap${s.young ? ' less its young generation' : ''} stayed ≥ ${formatBytes(left)}`;
      if (left > bound) return { ...out, verdict: 'leak', reason: `${grew}, above the ${pct(maxGrowth)} bound; ${after}, above the starting level + ${pct(maxGrowth)} (${formatBytes(bound)})` };
      return { ...out, reason: `${grew}, but ${after}, within the starting level + ${pct(maxGrowth)} (${formatBytes(bound)}): the rise is extrapolated, not seen; run longer` };
    }
    // few full collections: the rise must survive one (lowest heap from the last one on vs floor₀)
    const last = [...fulls].reverse().find((f) => t1 - f.t >= CONFIRM_TAIL * (t1 - t0));
    if (!last) return { ...out, reason: `${grew}, but no full collection in the steady state showed whether that is retained or garbage; run longer` };
    const survived = lowestRetainedFrom(s, last.i);
    const after = `from the full collection at ${formatNumber(last.t)} s on, the heap${s.young ? ' less its young generation' : ''} stayed ≥ ${formatBytes(survived)}`;
    if (survived > bound) return { ...out, verdict: 'leak', reason: `${grew}, above the ${pct(maxGrowth)} bound; ${after}, above the starting floor + ${pct(maxGrowth)} (${formatBytes(bound)})` };
    return { ...out, reason: `${grew}, but ${after}, within the starting floor + ${pct(maxGrowth)} (${formatBytes(bound)}): garbage, not retained; run longer` };
  }
  if (chosen.verdict === 'flat') return { ...out, verdict: 'flat', reason: `the ${what} changed ${range}, within the ${pct(maxGrowth)} bound` };
  return { ...out, reason: `the ${what} changed ${range}: the interval straddles the ${pct(maxGrowth)} bound; run longer` };
}

/** Analyse a per-bucket series (p99: relative growth; error rate: absolute rise). */
export function analyseDrift(name: 'p99' | 'error rate', points: readonly SoakPoint[], warmupSec: number, bucketSec: number, bound: number): DriftFinding {
  const steady = points.filter((p) => p.tSec >= warmupSec && Number.isFinite(p.value));
  const relative = name === 'p99';
  const show = relative ? pct : (f: number) => `${formatNumber(f * 100)} pp`;
  if (steady.length < MIN_WINDOWS) {
    return { name, verdict: 'inconclusive', reason: `only ${steady.length} buckets of ${bucketSec} s after the warm-up; need ≥ ${MIN_WINDOWS}` };
  }
  const fit = theilSen(steady.map((p) => p.tSec), steady.map((p) => p.value));
  if (!fit) return { name, verdict: 'inconclusive', reason: 'no two buckets at distinct times' };
  const tr = trend(fit, steady[0].tSec, steady[steady.length - 1].tSec + bucketSec, relative);
  if (relative && tr.startLevel <= 0) return { name, ...tr, verdict: 'inconclusive', reason: 'the fitted start level is ≤ 0' };
  const range = `${show(tr.growth)} (95% CI ${show(tr.growthLow)}..${show(tr.growthHigh)})`;
  if (fit.slopeLow > 0 && tr.growth > bound) return { name, ...tr, verdict: 'rising', reason: `${name} rose ${range}, above the ${show(bound)} bound` };
  if (tr.growthHigh <= bound) return { name, ...tr, verdict: 'flat', reason: `${name} changed ${range}, within the ${show(bound)} bound` };
  return { name, ...tr, verdict: 'inconclusive', reason: `${name} changed ${range}: the interval straddles the ${show(bound)} bound` };
}

/** Analyse a soak run. It passes only when there is at least one memory series and every one is flat. */
export function analyseSoak(input: SoakInput): SoakAnalysis {
  const memory = input.memory.map((s) => analyseMemory(s, input.warmupSec, input.maxGrowth, input.memoryLimitBytes));
  return {
    memory,
    p99: analyseDrift('p99', input.p99, input.warmupSec, input.bucketSec, input.maxGrowth),
    errorRate: analyseDrift('error rate', input.errorRate, input.warmupSec, input.bucketSec, input.maxErrorRise),
    pass: memory.length > 0 && memory.every((m) => m.verdict === 'flat'),
  };
}

/** The memory metrics tried, in order, when none is named: heap first, then RSS. */
export const HEAP_METRICS: ReadonlyArray<{ name: string; labels?: Record<string, string> }> = [
  { name: 'nodejs_heap_size_used_bytes' },
  { name: 'go_memstats_heap_inuse_bytes' },
  { name: 'jvm_memory_used_bytes', labels: { area: 'heap' } },
  { name: 'process_resident_memory_bytes' },
];
