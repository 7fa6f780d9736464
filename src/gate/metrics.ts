import type { EndpointSummary, ResultFile } from '../results/types.js';

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
  /** Confidence of the interval of the change, e.g. 0.95. */
  confidence?: number;
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
