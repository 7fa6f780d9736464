import type { EndpointSummary, IntervalRecord, LatencySummaryMs, Summary } from './types.js';
import { aggregateIntervals, destroyAccumulators, type EndpointAccumulator } from './aggregate.js';
import { latencyStatsMs, type Histogram } from './histogram.js';
import { plural } from '../util/plural.js';
import { errorRate } from './failures.js';

function latencySummary(h: Histogram): LatencySummaryMs {
  const s = latencyStatsMs(h);
  return { min: s.minMs, mean: s.meanMs, stdev: s.stdevMs, p50: s.p50Ms, p90: s.p90Ms, p95: s.p95Ms, p99: s.p99Ms, p999: s.p999Ms, max: s.maxMs };
}

/**
 * Summarise one accumulator over `durationSec`.
 *
 * achievedRate = completed / durationSec; targetRate = scheduled / durationSec;
 * errorRate = failed / completed (src/results/failures.ts; 0 when nothing completed).
 */
export function summariseEndpoint(name: string, acc: EndpointAccumulator, durationSec: number): EndpointSummary {
  const c = acc.counters;
  const perSec = (n: number) => (durationSec > 0 ? Math.round((n / durationSec) * 1000) / 1000 : 0);
  return {
    name,
    count: c.completed,
    targetRate: perSec(c.scheduled),
    achievedRate: perSec(c.completed),
    latencyMs: latencySummary(acc.latency),
    serviceMs: latencySummary(acc.service),
    errorRate: errorRate(c, c.completed),
    errors: { ...c.errors },
    statusCodes: { ...c.statusCodes },
    backpressure: c.backpressure,
    retryAfter: c.retryAfter,
    scheduled: c.scheduled,
    sent: c.sent,
    dropped: c.dropped,
    late: c.late,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
  };
}

/**
 * Warnings every reader should see: dropped or late arrivals, abandoned requests, an interrupted run.
 * Derived from the counters alone, so every path that rebuilds a summary (load, merge) keeps them.
 *
 * abandoned = sent − completed over the whole run: requests put on the wire that never finished
 * (still in flight when the grace period ended; a transport error or timeout counts as completed).
 */
export function summaryWarnings(total: EndpointSummary, interrupted: boolean): string[] {
  const w: string[] = [];
  if (total.dropped > 0) {
    const pct = total.scheduled > 0 ? ((100 * total.dropped) / total.scheduled).toFixed(2) : '?';
    w.push(`${plural(total.dropped, 'arrival')} (${pct}% of scheduled) ${total.dropped === 1 ? 'was' : 'were'} DROPPED: the generator could not send them on time. Add --workers/--connections or lower the rate; the target rate was not achieved.`);
  }
  if (total.late > 0) {
    const pct = total.sent > 0 ? ((100 * total.late) / total.sent).toFixed(2) : '?';
    w.push(`${plural(total.late, 'request')} (${pct}% of sent) left LATE (after their intended time); latency is still measured from the intended time.`);
  }
  const abandoned = total.sent - total.count;
  if (abandoned > 0) {
    w.push(
      abandoned === 1
        ? '1 request was still in flight when the grace period ended and was ABANDONED: it counts as sent, not as completed, and is missing from the latency percentiles.'
        : `${abandoned} requests were still in flight when the grace period ended and were ABANDONED: they count as sent, not as completed, and are missing from the latency percentiles.`);
  }
  if (interrupted) w.push('The run was interrupted: this is a partial result.');
  return w;
}

/**
 * Build the summary from intervals: per-endpoint (sorted by `endpointOrder`, then name) and total.
 * `durationSec` is the run's measured duration.
 */
export function buildSummary(
  intervals: IntervalRecord[],
  durationSec: number,
  opts: { interrupted?: boolean; endpointOrder?: string[] } = {},
): Summary {
  const { endpoints, total } = aggregateIntervals(intervals);
  const order = opts.endpointOrder ?? [];
  const names = [...endpoints.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return a.localeCompare(b);
  });
  const endpointSummaries = names.map((n) => summariseEndpoint(n, endpoints.get(n)!, durationSec));
  const totalSummary = summariseEndpoint('total', total, durationSec);
  destroyAccumulators([...endpoints.values(), total]);
  return {
    durationSec,
    total: totalSummary,
    endpoints: endpointSummaries,
    warnings: summaryWarnings(totalSummary, opts.interrupted ?? false),
  };
}
