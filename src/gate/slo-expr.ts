import type { EndpointSummary } from '../results/types.js';

/**
 * SLO expressions such as `p99<200ms`, `p95<=150ms`, `error_rate<1%`, `rps>=900`, `dropped==0`.
 * Grammar: METRIC OP VALUE[UNIT], with OP in < <= > >= == != and UNIT ms, s, us or %.
 */

/** Metrics an SLO expression can name, with the unit their value is compared in. */
export const SLO_METRICS = {
  p50: 'ms', p90: 'ms', p95: 'ms', p99: 'ms', 'p99.9': 'ms', p999: 'ms', max: 'ms', min: 'ms', mean: 'ms',
  error_rate: 'fraction',
  rps: 'per-sec', throughput: 'per-sec',
  count: 'count', dropped: 'count', late: 'count', backpressure: 'count', errors: 'count',
} as const;
export type SloMetric = keyof typeof SLO_METRICS;

export type SloOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A parsed SLO: `metric op value`, value normalised to ms (latency), a fraction (error_rate) or a plain number. */
export interface SloExpr {
  source: string;
  metric: SloMetric;
  op: SloOp;
  value: number;
}

const EXPR = /^\s*([a-z_][a-z0-9_.]*)\s*(<=|>=|==|!=|<|>)\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(ms|us|µs|s|%)?\s*$/i;

/** Parse an SLO expression; returns an error message (naming what was expected) instead of throwing. */
export function parseSlo(source: string): SloExpr | { error: string } {
  const m = EXPR.exec(source);
  if (!m) return { error: `"${source}" is not an SLO expression; expected METRIC OP VALUE, e.g. p99<200ms, error_rate<1%, rps>=900` };
  const metric = m[1].toLowerCase();
  if (!Object.hasOwn(SLO_METRICS, metric)) {
    return { error: `unknown metric "${m[1]}" in "${source}"; expected one of ${Object.keys(SLO_METRICS).join(', ')}` };
  }
  const kind = SLO_METRICS[metric as SloMetric];
  const unit = (m[4] ?? '').toLowerCase();
  let value = Number(m[3]);
  if (kind === 'ms') {
    if (unit === 's') value *= 1000;
    else if (unit === 'us' || unit === 'µs') value /= 1000;
    else if (unit === '%') return { error: `"${source}": a latency takes ms, s or us, not %` };
  } else if (kind === 'fraction') {
    if (unit === '%') value /= 100;
    else if (unit) return { error: `"${source}": error_rate takes a percentage (1%) or a fraction (0.01)` };
  } else if (unit) {
    return { error: `"${source}": ${metric} takes a plain number, not "${unit}"` };
  }
  return { source: source.trim(), metric: metric as SloMetric, op: m[2] as SloOp, value };
}

/** The value of an SLO metric in a summary (ms for latency, fraction for error_rate). */
export function metricValue(metric: SloMetric, s: EndpointSummary): number {
  switch (metric) {
    case 'p50': return s.latencyMs.p50;
    case 'p90': return s.latencyMs.p90;
    case 'p95': return s.latencyMs.p95;
    case 'p99': return s.latencyMs.p99;
    case 'p99.9':
    case 'p999': return s.latencyMs.p999;
    case 'max': return s.latencyMs.max;
    case 'min': return s.latencyMs.min;
    case 'mean': return s.latencyMs.mean;
    case 'error_rate': return s.errorRate;
    case 'rps':
    case 'throughput': return s.achievedRate;
    case 'count': return s.count;
    case 'dropped': return s.dropped;
    case 'late': return s.late;
    case 'backpressure': return s.backpressure;
    case 'errors': return Object.values(s.errors).reduce((a, b) => a + (b ?? 0), 0);
  }
}

/** Does `actual op limit` hold? */
export function compare(actual: number, op: SloOp, limit: number): boolean {
  switch (op) {
    case '<': return actual < limit;
    case '<=': return actual <= limit;
    case '>': return actual > limit;
    case '>=': return actual >= limit;
    case '==': return actual === limit;
    case '!=': return actual !== limit;
  }
}

/** What a scope with no completed request says for latency and error-rate checks. */
export const NO_DATA = 'no data (0 requests completed)';

/** Metrics that have no value when nothing completed: every latency, and error_rate (a fraction of completions). */
export function needsCompletions(metric: SloMetric): boolean {
  return SLO_METRICS[metric] === 'ms' || metric === 'error_rate';
}

/**
 * Check one SLO against a summary. A latency or error-rate SLO on a scope with no completed
 * request fails with {@link NO_DATA}: a check with no data is never a pass (the summary's zeros
 * are not measurements). Counts and rps are measured even then (0 requests is a count).
 */
export function evaluateSlo(expr: SloExpr, s: EndpointSummary): { pass: boolean; actual: number; problem?: string } {
  if (needsCompletions(expr.metric) && !(s.count > 0)) return { pass: false, actual: NaN, problem: NO_DATA };
  const actual = metricValue(expr.metric, s);
  return { pass: compare(actual, expr.op, expr.value), actual };
}

/**
 * An SLO expression optionally scoped to an endpoint, a phase or both: `popular:p95<150ms`
 * (scope `popular`), `total@steady:p99<200ms` (scope `total@steady`) or `p99<200ms`.
 */
export interface ScopedSloExpr extends SloExpr {
  /** Endpoint name or `total`, optionally `@PHASE` (see src/gate/threshold-scope.ts); undefined when not given. */
  scope?: string;
}

/**
 * Parse `[SCOPE:]EXPR`, the scope being everything before the last `:` (an SLO expression has no colon).
 * The scope is kept as written; `SCOPE@PHASE` is split when it is resolved against a result.
 * Returns an error message instead of throwing, like {@link parseSlo}.
 */
export function parseScopedSlo(source: string): ScopedSloExpr | { error: string } {
  const i = source.lastIndexOf(':');
  const scope = i >= 0 ? source.slice(0, i).trim() : undefined;
  const parsed = parseSlo(i >= 0 ? source.slice(i + 1) : source);
  if ('error' in parsed) return parsed;
  if (i >= 0 && !scope) return { error: `"${source}": empty endpoint name before ":"` };
  return { ...parsed, ...(scope ? { scope } : {}) };
}
