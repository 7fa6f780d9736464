import type { EndpointSummary, LatencySummaryMs } from '../../src/results/types.js';
import type { StepMetrics, SweepStep } from '../../src/sweep/types.js';

const lat = (p50: number, p99: number): LatencySummaryMs => ({ min: p50 / 2, mean: p50, stdev: 1, p50, p90: p99 * 0.8, p95: p99 * 0.9, p99, p999: p99 * 1.5, max: p99 * 2 });

/** A step with a minimal but consistent summary, for pure analysis and rendering tests. */
export function fixtureStep(concurrency: number, throughput: number, p50Ms: number, p99Ms: number, endpoints: Array<[string, number, number]> = [], errors = 0): SweepStep {
  const completed = Math.round(throughput * 10);
  const metrics = (name: string, x: number, p99: number, e: number): StepMetrics => ({
    name,
    throughput: x,
    p50Ms: p99 / 4,
    p99Ms: p99,
    errors: e,
    errorRate: e / Math.max(1, Math.round(x * 10)),
    completed: Math.round(x * 10),
  });
  const summary: EndpointSummary = {
    name: 'total',
    count: completed,
    targetRate: throughput,
    achievedRate: throughput,
    latencyMs: lat(p50Ms, p99Ms),
    serviceMs: lat(p50Ms, p99Ms),
    errorRate: errors / Math.max(1, completed),
    errors: errors ? { http5xx: errors } : {},
    statusCodes: {},
    backpressure: 0,
    retryAfter: 0,
    scheduled: completed,
    sent: completed,
    dropped: 0,
    late: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  return {
    concurrency,
    measuredSec: 10,
    total: { ...metrics('total', throughput, p99Ms, errors), p50Ms },
    endpoints: endpoints.map(([name, x, p99]) => metrics(name, x, p99, 0)),
    summary,
  };
}

/**
 * Six steps following the USL with λ = 100, σ = 0.05, κ = 0.002 (peak N* = √(0.95/0.002) ≈ 21.8),
 * throughput rounded to 0.1 req/s, split 70/30 between two endpoints.
 */
export function uslSteps(): SweepStep[] {
  return [1, 2, 4, 8, 16, 32].map((n) => {
    const x = Math.round((1000 * n) / (1 + 0.05 * (n - 1) + 0.002 * n * (n - 1))) / 10;
    const p99 = Math.round((n / x) * 1000 * 3 * 1000) / 1000; // Little's law R = N/X, p99 ≈ 3R (ms)
    return fixtureStep(n, x, p99 / 3, p99, [
      ['get-item', Math.round(x * 7) / 10, p99 * 0.9],
      ['post-item', Math.round(x * 3) / 10, p99 * 1.2],
    ]);
  });
}

/**
 * The README sweep against a hard-capped target (4 workers × 10 ms = 400 req/s): linear up to
 * the cap, then flat. The USL cannot follow the flat top (its λ/σ lands far above 400).
 */
export function hardCapSteps(): SweepStep[] {
  return [[1, 98], [2, 196], [4, 392], [8, 400], [16, 400], [32, 400]].map(([n, x]) => {
    const p99 = Math.round(Math.max(10, (n / x) * 1000) * 1.2 * 1000) / 1000; // R = N/X, no less than the 10 ms service
    return fixtureStep(n, x, p99 / 1.2, p99);
  });
}
