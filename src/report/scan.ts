/**
 * One pass over a result's intervals that yields everything per-second or per-phase the report
 * needs: the per-second series, the whole-run latency distributions and the per-phase summaries.
 * Each encoded histogram is decoded once and merged only where it is needed, because merging
 * HDR histograms dominates the cost on long runs (a 30-minute, 4-endpoint run has 7 200 of them).
 * Pure: no I/O.
 */
import type { EndpointData, ResultFile } from '../results/types.js';
import { accumulate, addAccumulator, destroyAccumulators, newAccumulator, type EndpointAccumulator } from '../results/aggregate.js';
import { summariseEndpoint } from '../results/summary.js';
import { decodeHistogram, mergeInto, newLatencyHistogram, percentileCurveMs, type Histogram } from '../results/histogram.js';
import { errorCount } from '../results/failures.js';
import { intervalMidSec } from '../results/interval-time.js';
import type { EndpointSeries, LatencyDistribution, PhaseReport, ReportSeries } from './types.js';
import type { SecondStats } from '../analysis/chaos-effect.js';

/** Names in `order` first (those present), then any others alphabetically. */
function orderNames(names: string[], order: string[]): string[] {
  const known = order.filter((n) => names.includes(n));
  const rest = names.filter((n) => !order.includes(n)).sort((a, b) => a.localeCompare(b));
  return [...known, ...rest];
}

function emptySeries(name: string, n: number): EndpointSeries {
  const zeros = () => new Array<number>(n).fill(0);
  const nulls = () => new Array<number | null>(n).fill(null);
  return {
    name,
    target: zeros(), sent: zeros(), achieved: zeros(),
    p50: nulls(), p90: nulls(), p99: nulls(), p999: nulls(), max: nulls(),
    errors: zeros(), backpressure: zeros(), dropped: zeros(), late: zeros(),
  };
}

/** Add one interval's counters for an endpoint (or the total) into bucket `i` of a series. */
function addCounts(s: EndpointSeries, i: number, c: EndpointData): void {
  s.target[i] += c.scheduled;
  s.sent[i] += c.sent;
  s.achieved[i] += c.completed;
  s.errors[i] += errorCount(c.errors);
  s.backpressure[i] += c.backpressure;
  s.dropped[i] += c.dropped;
  s.late[i] += c.late;
}

/** Count columns of bucket `i` → mean per second over its `width` seconds (Σ / width); a no-op for 1-second buckets. */
function perSecondMean(s: EndpointSeries, i: number, width: number): void {
  if (width === 1) return;
  for (const col of [s.target, s.sent, s.achieved, s.errors, s.backpressure, s.dropped, s.late]) col[i] /= width;
}

/** µs → ms rounded to 3 decimals (whole µs), as latencyStatsMs does. */
const ms3 = (us: number): number => Math.round(us) / 1000;

/** Bucket `i`'s latency percentiles (ms): only what the series shows (no mean/stdev). */
function setLatency(s: EndpointSeries, i: number, h: Histogram): void {
  if (h.totalCount === 0) return;
  s.p50[i] = ms3(h.getValueAtPercentile(50));
  s.p90[i] = ms3(h.getValueAtPercentile(90));
  s.p99[i] = ms3(h.getValueAtPercentile(99));
  s.p999[i] = ms3(h.getValueAtPercentile(99.9));
  s.max[i] = ms3(h.maxValue);
}

/**
 * Percentiles for the HDR curve: x = 1/(1 − p) at 10 points per decade (x = 10^(i/10)),
 * up to x = count (beyond that the histogram has no resolution).
 */
export function curvePercentiles(count: number): number[] {
  const ps: number[] = [];
  for (let i = 0; ; i++) {
    const x = 10 ** (i / 10);
    if (x >= count) break;
    ps.push(Math.round(100 * (1 - 1 / x) * 1e6) / 1e6);
  }
  return ps;
}

/** The HDR curve of one histogram, ending with the maximum at percentile 100·(1 − 1/count). */
export function distribution(name: string, h: Histogram): LatencyDistribution {
  const count = h.totalCount;
  const points = percentileCurveMs(h, curvePercentiles(count));
  if (count > 0) points.push({ percentile: Math.round(100 * (1 - 1 / count) * 1e6) / 1e6, valueMs: ms3(h.maxValue) });
  return { name, count, points };
}

interface PhaseAcc {
  name: string;
  startSec: number;
  endSec: number;
  endpoints: Map<string, EndpointAccumulator>;
}

/** Summaries of one phase: per endpoint, and the total merged from them (exact). */
function phaseReport(p: PhaseAcc, endpointNames: string[]): PhaseReport {
  const durationSec = Math.max(0, p.endSec - p.startSec);
  const total = newAccumulator();
  for (const acc of p.endpoints.values()) addAccumulator(total, acc);
  const names = orderNames([...p.endpoints.keys()], endpointNames);
  const report: PhaseReport = {
    name: p.name,
    startSec: p.startSec,
    endSec: p.endSec,
    durationSec,
    total: summariseEndpoint('total', total, durationSec),
    endpoints: names.map((n) => summariseEndpoint(n, p.endpoints.get(n)!, durationSec)),
  };
  destroyAccumulators([...p.endpoints.values(), total]);
  return report;
}

/**
 * At most this many points per series (rows of the per-second CSV, points of each chart line):
 * one hour at one point per second. Longer runs are shown in buckets of ⌈seconds / MAX_SERIES_POINTS⌉ s.
 */
export const MAX_SERIES_POINTS = 3600;

/** Width of the series' buckets for a run of `seconds` seconds: 1 up to MAX_SERIES_POINTS, then ⌈seconds / MAX_SERIES_POINTS⌉. */
export function bucketSecFor(seconds: number): number {
  return seconds <= MAX_SERIES_POINTS ? 1 : Math.ceil(seconds / MAX_SERIES_POINTS);
}

/**
 * Per-bucket series (t = bucket start, dense: missing seconds count as zeros and null latencies),
 * whole-run latency distributions (total first), the total's service-time distribution, per-phase
 * summaries (the intervals each phase owns: midpoint on the run's clock in [startSec, endSec), intervalMidSec) and, with `perSecond`, the total's per-second
 * stats (requests, failures, p99; only seconds that have intervals), from one pass over the intervals.
 *
 * Buckets: b = ⌊t / bucketSec⌋ with bucketSec = {@link bucketSecFor}(seconds); every count column
 * is the mean per second over the bucket (Σ counts / bucket width, the last bucket being shorter),
 * targetLevel the mean, activeUsers the largest; p50…p99.9 of a bucket come from the merge of its
 * seconds' HDR histograms (exact), max is the largest. With bucketSec = 1 this is the per-second series.
 */
export function scanIntervals(
  result: ResultFile,
  endpointNames: string[],
  opts: { perSecond?: boolean } = {},
): { series: ReportSeries; distributions: LatencyDistribution[]; serviceDistribution: LatencyDistribution; phases: PhaseReport[]; perSecond?: SecondStats[] } {
  const intervals = [...result.intervals].filter((iv) => iv.t >= 0).sort((a, b) => a.t - b.t);
  const seen = new Set<string>(endpointNames);
  for (const iv of intervals) for (const n of Object.keys(iv.endpoints)) seen.add(n);
  const names = orderNames([...seen], endpointNames);
  const seconds = intervals.length ? intervals[intervals.length - 1].t + 1 : 0;
  const bucketSec = bucketSecFor(seconds);
  const n = Math.ceil(seconds / bucketSec);
  const startSec = Math.floor(result.run.startEpochMs / 1000);
  const series: ReportSeries = {
    t: Array.from({ length: n }, (_, i) => i * bucketSec),
    epochSec: Array.from({ length: n }, (_, i) => startSec + i * bucketSec),
    targetLevel: new Array<number>(n).fill(0),
    activeUsers: new Array<number>(n).fill(0),
    total: emptySeries('total', n),
    endpoints: names.map((name) => emptySeries(name, n)),
    ...(bucketSec > 1 ? { downsampled: { seconds, buckets: n, bucketSec } } : {}),
  };
  const byName = new Map(series.endpoints.map((s) => [s.name, s]));
  const runHist = new Map(names.map((name) => [name, newLatencyHistogram()]));
  const runService = newLatencyHistogram();
  const scratch = newLatencyHistogram();
  // The current bucket's merged latency histogram per endpoint, and of the total.
  const bucketHist = new Map(names.map((name) => [name, newLatencyHistogram()]));
  const bucketTotal = newLatencyHistogram();
  const phases: PhaseAcc[] = (result.run.phases ?? []).map((p) => ({ ...p, endpoints: new Map() }));
  const perSecond: SecondStats[] | undefined = opts.perSecond ? [] : undefined;
  // Σ targetLevel and Σ activeUsers per second of the current bucket, before the mean/max.
  let levelSum = 0;

  const closeBucket = (b: number): void => {
    const width = Math.min(bucketSec, seconds - b * bucketSec);
    for (const s of [...series.endpoints, series.total]) perSecondMean(s, b, width);
    series.targetLevel[b] = levelSum / width;
    levelSum = 0;
    // Each second was added to its endpoint's bucket histogram only; the run's histograms and the
    // bucket's total get one add per bucket (not per second).
    for (const [name, h] of bucketHist) {
      if (h.totalCount === 0) continue;
      setLatency(byName.get(name)!, b, h);
      runHist.get(name)!.add(h);
      bucketTotal.add(h);
      h.reset();
    }
    setLatency(series.total, b, bucketTotal);
    bucketTotal.reset();
  };

  let bucket = intervals.length ? Math.floor(intervals[0].t / bucketSec) : -1;
  for (let k = 0; k < intervals.length; ) {
    const t = intervals[k].t;
    const b = Math.floor(t / bucketSec);
    if (b !== bucket) {
      closeBucket(bucket);
      bucket = b;
    }
    // The phase that owns the interval: its midpoint on the run's clock (the rule of results/phase-summary.ts).
    const mid = intervalMidSec(t, result.run.startEpochMs, result.run.durationMs / 1000);
    const inPhases = phases.filter((p) => mid >= p.startSec && mid < p.endSec);
    // Decoded latency histograms of this second, per endpoint (normally one each).
    const second: Histogram[] = [];
    let users = 0;
    const stats: SecondStats = { tSec: t, requests: 0, failures: 0, p99Ms: null };
    for (; k < intervals.length && intervals[k].t === t; k++) {
      const iv = intervals[k];
      levelSum += iv.targetLevel;
      users += iv.activeUsers;
      if (bucketSec === 1) series.epochSec[b] = iv.epochSec;
      for (const [name, data] of Object.entries(iv.endpoints)) {
        addCounts(byName.get(name)!, b, data);
        addCounts(series.total, b, data);
        stats.requests += data.completed;
        stats.failures += errorCount(data.errors) + data.backpressure;
        const lat = data.latency ? decodeHistogram(data.latency) : undefined;
        const svc = data.service ? decodeHistogram(data.service) : undefined;
        if (svc) runService.add(svc);
        for (const p of inPhases) {
          let acc = p.endpoints.get(name);
          if (!acc) p.endpoints.set(name, (acc = newAccumulator()));
          accumulate(acc, data, { latency: lat, service: svc });
        }
        svc?.destroy();
        if (!lat) continue;
        bucketHist.get(name)!.add(lat);
        second.push(lat);
      }
    }
    series.activeUsers[b] = Math.max(series.activeUsers[b], users);
    if (perSecond) {
      if (second.length) stats.p99Ms = ms3(mergeInto(second, scratch).getValueAtPercentile(99));
      perSecond.push(stats);
    }
    for (const h of second) h.destroy();
  }
  if (bucket >= 0) closeBucket(bucket);

  const runTotal = newLatencyHistogram();
  for (const h of runHist.values()) runTotal.add(h);
  const distributions = [distribution('total', runTotal), ...names.map((nm) => distribution(nm, runHist.get(nm)!))];
  const serviceDistribution = distribution('total', runService);
  for (const h of [...runHist.values(), ...bucketHist.values(), bucketTotal, runTotal, runService, scratch]) h.destroy();
  return {
    series,
    distributions,
    serviceDistribution,
    phases: phases.map((p) => phaseReport(p, endpointNames)),
    ...(perSecond ? { perSecond } : {}),
  };
}
