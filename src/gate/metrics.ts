import { bootstrapTwoSample, pairedEffects, percentileInterval } from '../stats/bootstrap.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { percentileOfBins, type ScopeSeries } from './series.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import { meanResampler, percentileResampler } from './resample.js';

/**
 * Metrics a baseline comparison can judge, with the direction that is worse and the
 * unit values are shown in: latency in ms, rps in requests/s, error_rate as a fraction.
 */
export const REGRESSION_METRICS = {
  p50: { kind: 'latency', percentile: 50, worse: 'up', unit: 'ms' },
  p90: { kind: 'latency', percentile: 90, worse: 'up', unit: 'ms' },
  p95: { kind: 'latency', percentile: 95, worse: 'up', unit: 'ms' },
  p99: { kind: 'latency', percentile: 99, worse: 'up', unit: 'ms' },
  p999: { kind: 'latency', percentile: 99.9, worse: 'up', unit: 'ms' },
  mean: { kind: 'mean', percentile: 0, worse: 'up', unit: 'ms' },
  rps: { kind: 'rps', percentile: 0, worse: 'down', unit: 'per-sec' },
  error_rate: { kind: 'error_rate', percentile: 0, worse: 'up', unit: 'fraction' },
} as const;
export type RegressionMetric = keyof typeof REGRESSION_METRICS;

/** Aliases accepted on the command line. */
export const METRIC_ALIASES: Record<string, RegressionMetric> = { 'p99.9': 'p999', throughput: 'rps' };

/** Normalise a metric name (case, aliases); undefined when unknown. */
export function regressionMetric(name: string): RegressionMetric | undefined {
  const n = name.toLowerCase();
  if (Object.hasOwn(REGRESSION_METRICS, n)) return n as RegressionMetric;
  return METRIC_ALIASES[n];
}

/** Statistics options shared by gate and compare. */
export interface StatOptions {
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
  /** Bootstrap seed; default 1. */
  seed?: number;
  /** Confidence of the interval, e.g. 0.95. */
  confidence?: number;
}

/** Options of one comparison: the shared settings plus the one-sided level of the worse-direction bound. */
export interface CompareOptions extends StatOptions {
  /** One-sided tail probability of {@link MetricComparison.boundAbs}/boundRel; default (1 − confidence)/2. */
  boundTail?: number;
}

/** One metric of one scope, baseline against current. */
export interface MetricComparison {
  metric: RegressionMetric;
  scope: string;
  /** Run-level values from the summaries (ms, req/s or fraction). */
  baseline: number;
  current: number;
  /** current − baseline. */
  absChange: number;
  /** current / baseline − 1 (±Infinity or NaN when the baseline is 0). */
  relChange: number;
  /** Bootstrap percentile intervals of the absolute and the relative change at `confidence`. */
  ciAbs: [number, number];
  ciRel: [number, number];
  confidence: number;
  /**
   * One-sided bootstrap bound of the change on the BETTER side at tail `boundTail`: the
   * `boundTail` quantile of the resampled change when larger is worse, the 1 − `boundTail`
   * quantile when smaller is worse (rps). "The change is at least this bad" with
   * confidence 1 − boundTail; absolute and relative.
   */
  boundAbs: number;
  boundRel: number;
  boundTail: number;
  /** One-sided Mann–Whitney p-value that current is WORSE than baseline (per-second values). */
  pWorse: number;
  /** Two-sided Mann–Whitney p-value (any difference). */
  pTwoSided: number;
  /** Seconds (per-second values, whole seconds only) the rank test used on each side. */
  nBaseline: number;
  nCurrent: number;
}

/** Completed counts of the whole seconds (partial first/last seconds would look like a throughput drop). */
function rpsSeconds(s: ScopeSeries): Float64Array {
  return Float64Array.from(s.whole, (t) => s.completed[t]);
}

/**
 * Per-second values the rank test compares, over the whole seconds only ({@link ScopeSeries.whole}):
 * pXX or mean latency (ms) of seconds with completions, completed count, or failure fraction.
 */
export function perSecondValues(s: ScopeSeries, metric: RegressionMetric): number[] {
  const def = REGRESSION_METRICS[metric];
  const seconds = [...s.whole];
  switch (def.kind) {
    case 'latency':
      return seconds.filter((t) => s.latency[t].total > 0).map((t) => percentileOfBins(s.latency[t], s.binHighUs, def.percentile) / 1000);
    case 'mean':
      return seconds.filter((t) => s.latency[t].total > 0).map((t) => {
        const b = s.latency[t];
        let sum = 0;
        for (let k = 0; k < b.ids.length; k++) sum += s.binMidUs[b.ids[k]] * b.counts[k];
        return sum / b.total / 1000;
      });
    case 'rps':
      return [...rpsSeconds(s)];
    case 'error_rate':
      return seconds.filter((t) => s.completed[t] > 0).map((t) => s.failures[t] / s.completed[t]);
  }
}

/** A metric's value in an endpoint (or total) summary: latency in ms, rps in req/s, error_rate as a fraction. */
export function summaryValue(summary: EndpointSummary, metric: RegressionMetric): number {
  const l = summary.latencyMs;
  switch (metric) {
    case 'rps': return summary.achievedRate;
    case 'error_rate': return summary.errorRate;
    default: return l[metric];
  }
}

/** A run's value of a metric for a scope (`total` or an endpoint): ms, req/s or fraction; NaN when the scope has no completed request. */
export function resultMetric(result: ResultFile, scope: string, metric: RegressionMetric): number {
  const s = scope === 'total' ? result.summary.total : result.summary.endpoints.find((e) => e.name === scope);
  return s && s.count > 0 ? summaryValue(s, metric) : NaN;
}

/** Run-level value of a metric from the scope's summary (ms, req/s or fraction). */
export function runLevelValue(s: ScopeSeries, metric: RegressionMetric): number {
  return summaryValue(s.summary, metric);
}

/**
 * The whole-run statistic of a resample of seconds (indices into the series' seconds):
 * latency pXX of the merged buckets (= merging the seconds' histograms), mean latency,
 * mean completed per second, or Σ failures / Σ completed.
 */
function resampler(s: ScopeSeries, metric: RegressionMetric): (idx: Int32Array) => number {
  const def = REGRESSION_METRICS[metric];
  switch (def.kind) {
    case 'latency':
      return percentileResampler(s, def.percentile);
    case 'mean':
      return meanResampler(s);
    case 'rps': {
      const c = rpsSeconds(s);
      return (idx) => {
        let sum = 0;
        for (const t of idx) sum += c[t];
        return sum / idx.length;
      };
    }
    case 'error_rate':
      return (idx) => {
        let f = 0;
        let c = 0;
        for (const t of idx) {
          f += s.failures[t];
          c += s.completed[t];
        }
        return c > 0 ? f / c : NaN;
      };
  }
}

/** Number of resampling units (seconds) of a series for a metric. */
function unitCount(s: ScopeSeries, metric: RegressionMetric): number {
  return REGRESSION_METRICS[metric].kind === 'rps' ? rpsSeconds(s).length : s.completed.length;
}

/**
 * Compare one metric of one scope between two runs.
 *
 * Effect: absChange = current − baseline, relChange = current/baseline − 1 (run-level values).
 * Significance: Mann–Whitney U over per-second values (one-sided towards "worse", and two-sided).
 * Interval: bootstrap resampling whole seconds of each run independently (seeded), recomputing the
 * run-level statistic each time (for latency: the percentile of the merged histograms of the drawn
 * seconds); percentile interval of (cur′ − base′) and (cur′ / base′ − 1), primes marking resampled values.
 */
export function compareMetric(base: ScopeSeries, cur: ScopeSeries, metric: RegressionMetric, opts: CompareOptions = {}): MetricComparison {
  const confidence = opts.confidence ?? 0.95;
  const boundTail = opts.boundTail ?? (1 - confidence) / 2;
  const baseline = runLevelValue(base, metric);
  const current = runLevelValue(cur, metric);
  const xb = perSecondValues(base, metric);
  const xc = perSecondValues(cur, metric);
  const worseUp = REGRESSION_METRICS[metric].worse === 'up';
  const pWorse = mannWhitneyU(xc, xb, worseUp ? 'greater' : 'less').pValue;
  const pTwoSided = mannWhitneyU(xc, xb, 'two-sided').pValue;
  const stat = (f: (idx: Int32Array) => number, idx: Int32Array) => f(idx);
  const pairs = bootstrapTwoSample(
    { size: unitCount(base, metric), data: resampler(base, metric), stat },
    { size: unitCount(cur, metric), data: resampler(cur, metric), stat },
    { resamples: opts.resamples ?? 2000, seed: opts.seed ?? 1 },
  );
  const absEffects = pairedEffects(pairs, (b, c) => c - b);
  const relEffects = pairedEffects(pairs, (b, c) => (b > 0 ? c / b - 1 : NaN));
  const ciAbs = percentileInterval(absEffects, confidence);
  const ciRel = percentileInterval(relEffects, confidence);
  // A two-sided interval at confidence 1 − 2·tail has the one-sided bound at `tail` as its lower (upper) end.
  const better = (e: Float64Array) => percentileInterval(e, 1 - 2 * boundTail)[worseUp ? 0 : 1];
  return {
    metric,
    scope: cur.scope,
    baseline,
    current,
    absChange: current - baseline,
    relChange: baseline !== 0 ? current / baseline - 1 : current === 0 ? 0 : current > 0 ? Infinity : -Infinity,
    ciAbs,
    ciRel,
    confidence,
    boundAbs: better(absEffects),
    boundRel: better(relEffects),
    boundTail,
    pWorse,
    pTwoSided,
    nBaseline: xb.length,
    nCurrent: xc.length,
  };
}
