import { aggregateIntervals, destroyAccumulators, type EndpointAccumulator } from '../results/aggregate.js';
import { summariseEndpoint } from '../results/summary.js';
import type { EndpointSummary, IntervalRecord, ResultFile } from '../results/types.js';
import type { StepMetrics, SweepStep } from './types.js';
import { failedCount } from '../results/failures.js';
import { nameBottleneck } from './bottleneck.js';
import { monitoredCpuCores, stepResources, type TargetSample } from './resources.js';

/** What was watched beside a step: the built-in target's sample (null: another target), the machine's cores and load average. */
export interface StepObservation {
  target: TargetSample | null;
  cores: number;
  loadAverage: number;
}

/**
 * The 1-second intervals of a run that lie inside its measured window
 * [warmupMs, warmupMs + measureMs) of run time, and the seconds they stand for.
 *
 * Interval `t` covers run time [t − f, t + 1 − f) where f = the fractional second of
 * the start (startEpochMs/1000 − ⌊startEpochMs/1000⌋). Whole intervals inside the
 * window are kept (so partial seconds at the edges bias nothing). When the window
 * is too short to hold one whole interval, every interval overlapping it is kept
 * and the length is the time those intervals overlap the run [0, warmup + measure]
 * (rate = completions ÷ time the load was on; this includes some warm-up).
 */
export function windowIntervals(
  result: ResultFile,
  warmupMs: number,
  measureMs: number,
): { intervals: IntervalRecord[]; seconds: number } {
  const f = result.run.startEpochMs / 1000 - Math.floor(result.run.startEpochMs / 1000);
  const from = warmupMs / 1000;
  const to = (warmupMs + measureMs) / 1000;
  const eps = 1e-6;
  const inside = result.intervals.filter((iv) => iv.t - f >= from - eps && iv.t + 1 - f <= to + eps);
  if (inside.length > 0) return { intervals: inside, seconds: inside.length };
  let seconds = 0;
  const overlapping = result.intervals.filter((iv) => {
    if (Math.min(iv.t + 1 - f, to) - Math.max(iv.t - f, from) <= 0) return false;
    seconds += Math.min(iv.t + 1 - f, to) - Math.max(iv.t - f, 0);
    return true;
  });
  return { intervals: overlapping, seconds };
}

/** Compact metrics of one summary. throughput = completed / window seconds. */
export function stepMetrics(s: EndpointSummary): StepMetrics {
  const errors = failedCount(s);
  return {
    name: s.name,
    throughput: s.achievedRate,
    p50Ms: s.latencyMs.p50,
    p99Ms: s.latencyMs.p99,
    errors,
    errorRate: s.errorRate,
    completed: s.count,
  };
}

/**
 * Measure one step from its result file: merge the window's intervals exactly
 * (counters add, histograms add) and summarise per endpoint and in total.
 * `endpointOrder` orders the endpoints (profile order); with `observed`, the step also gets its
 * resources and bottleneck (see bottleneck.ts).
 */
export function measureStep(
  result: ResultFile,
  concurrency: number,
  warmupMs: number,
  measureMs: number,
  endpointOrder: string[] = [],
  observed?: StepObservation,
): SweepStep {
  const { intervals, seconds } = windowIntervals(result, warmupMs, measureMs);
  const { endpoints, total } = aggregateIntervals(intervals);
  const names = [...new Set([...endpointOrder.filter((n) => endpoints.has(n)), ...[...endpoints.keys()].sort()])];
  const summarise = (name: string, acc: EndpointAccumulator) => summariseEndpoint(name, acc, seconds);
  const endpointSummaries = names.map((n) => summarise(n, endpoints.get(n)!));
  const totalSummary = summarise('total', total);
  destroyAccumulators([...endpoints.values(), total]);
  const resources = observed ? stepResources(result, intervals, observed.target, observed, monitoredCpuCores(result, warmupMs, measureMs)) : undefined;
  return {
    concurrency,
    measuredSec: Math.round(seconds * 1000) / 1000,
    total: stepMetrics(totalSummary),
    endpoints: endpointSummaries.map(stepMetrics),
    summary: totalSummary,
    ...(resources ? { resources, bottleneck: nameBottleneck(resources) } : {}),
  };
}
