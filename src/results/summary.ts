import type { EndpointSummary, IntervalRecord, LatencySummaryMs, Summary } from './types.js';
import { aggregateIntervals, destroyAccumulators, type EndpointAccumulator } from './aggregate.js';
import { latencyStatsMs, type Histogram } from './histogram.js';
import { plural } from '../util/plural.js';
import { errorRate } from './failures.js';
import { bottleneckWarnings, summariseGenerator } from './generator.js';
import { formatPercent } from '../render/format.js';

function latencySummary(h: Histogram): LatencySummaryMs {
  const s = latencyStatsMs(h);
  return { min: s.minMs, mean: s.meanMs, stdev: s.stdevMs, p50: s.p50Ms, p90: s.p90Ms, p95: s.p95Ms, p99: s.p99Ms, p999: s.p999Ms, max: s.maxMs };
}

/**
 * Summarise one accumulator over `durationSec`.
 *
 * achievedRate = completed / durationSec; targetRate = scheduled / planDurationSec (the plan's
 * rate: `planDurationSec` is the planned duration, default `durationSec`);
 * errorRate = failed / completed (src/results/failures.ts; 0 when nothing completed).
 */
export function summariseEndpoint(name: string, acc: EndpointAccumulator, durationSec: number, planDurationSec: number = durationSec): EndpointSummary {
  const c = acc.counters;
  const per = (n: number, sec: number) => (sec > 0 ? Math.round((n / sec) * 1000) / 1000 : 0);
  const perSec = (n: number) => per(n, durationSec);
  return {
    name,
    count: c.completed,
    targetRate: per(c.scheduled, planDurationSec),
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
    const pct = total.scheduled > 0 ? formatPercent(total.dropped / total.scheduled) : '?%';
    w.push(`${plural(total.dropped, 'arrival')} (${pct} of scheduled) ${total.dropped === 1 ? 'was' : 'were'} DROPPED: never sent, because they could not leave on time; the target rate was not achieved.`);
  }
  if (total.late > 0) {
    const pct = total.sent > 0 ? formatPercent(total.late / total.sent) : '?%';
    w.push(`${plural(total.late, 'request')} (${pct} of sent) left LATE (after ${total.late === 1 ? 'its' : 'their'} intended time); latency is still measured from the intended time.`);
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
 * `durationSec` is the run's measured duration; target rates use `plannedDurationSec` when given
 * (a run that completed: the rate the plan asked for, however long the generator took).
 */
export function buildSummary(
  intervals: IntervalRecord[],
  durationSec: number,
  opts: { interrupted?: boolean; endpointOrder?: string[]; plannedDurationSec?: number } = {},
): Summary {
  const planSec = opts.plannedDurationSec ?? durationSec;
  const { endpoints, total } = aggregateIntervals(intervals);
  const order = opts.endpointOrder ?? [];
  const names = [...endpoints.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return a.localeCompare(b);
  });
  const endpointSummaries = names.map((n) => summariseEndpoint(n, endpoints.get(n)!, durationSec, planSec));
  const totalSummary = summariseEndpoint('total', total, durationSec, planSec);
  destroyAccumulators([...endpoints.values(), total]);
  const generator = summariseGenerator(intervals, totalSummary);
  return {
    durationSec,
    total: totalSummary,
    endpoints: endpointSummaries,
    warnings: [...summaryWarnings(totalSummary, opts.interrupted ?? false), ...bottleneckWarnings(generator, totalSummary)],
    ...(generator ? { generator } : {}),
  };
}
