/**
 * A result file as the input of the soak analysis: memory series from its `monitor` field and the
 * client side per bucket (p99 from the exactly merged histograms, error rate from the counters).
 * Pure: reads a parsed result, no I/O.
 */
import { aggregateIntervals, destroyAccumulators } from '../results/aggregate.js';
import { summariseEndpoint } from '../results/summary.js';
import type { IntervalRecord, ResultFile } from '../results/types.js';
import { defaultMemorySelectors, selectMemory, type MetricSelector } from '../monitor/select.js';
import type { SoakMemorySeries, SoakPoint } from './soak.js';

/** Buckets the steady state should have at least, for the client-side trends. */
const MIN_BUCKETS = 10;

/**
 * Bucket width for p99 and error rate: a minute, or shorter when the steady state has fewer
 * than 10 minutes:  bucket = min(60, max(1, ⌊steady seconds / 10⌋)).
 */
export function soakBucketSec(steadySec: number): number {
  return Math.min(60, Math.max(1, Math.floor(steadySec / MIN_BUCKETS)));
}

/** Per-bucket p99 (ms) and error rate of the whole run (all endpoints), buckets of `bucketSec` from t = 0. */
export function clientBuckets(intervals: readonly IntervalRecord[], bucketSec: number): { p99: SoakPoint[]; errorRate: SoakPoint[] } {
  const groups = new Map<number, IntervalRecord[]>();
  for (const iv of intervals) {
    const k = Math.floor(iv.t / bucketSec);
    groups.set(k, [...(groups.get(k) ?? []), iv]);
  }
  const p99: SoakPoint[] = [];
  const errorRate: SoakPoint[] = [];
  for (const [k, ivs] of [...groups.entries()].sort(([a], [b]) => a - b)) {
    const agg = aggregateIntervals(ivs);
    const s = summariseEndpoint('total', agg.total, bucketSec);
    destroyAccumulators([agg.total, ...agg.endpoints.values()]);
    if (s.count === 0) continue;
    p99.push({ tSec: k * bucketSec, value: s.latencyMs.p99 });
    errorRate.push({ tSec: k * bucketSec, value: s.errorRate });
  }
  return { p99, errorRate };
}

/** The memory series to judge: the named metric, or the automatic heap (+ RSS) choice. */
export function memoryInput(result: ResultFile, metric?: MetricSelector): SoakMemorySeries[] {
  const series = result.monitor?.series ?? [];
  return defaultMemorySelectors(series, metric).flatMap((sel) => selectMemory(series, sel));
}
