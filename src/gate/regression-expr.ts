import { REGRESSION_METRICS, regressionMetric, type RegressionMetric } from './metrics.js';

/**
 * `--max-regression` expressions: `[SCOPE:]METRIC:[+|-]AMOUNT[UNIT]`, e.g. `p99:+10%`,
 * `rps:-5%`, `error_rate:+0.5pp`, `p95:+20ms`, `popular:p99:+15%`.
 *
 * - latency (p50 p90 p95 p99 p999/p99.9 mean): `%` (relative) or `ms`/`s`/`us` (absolute, stored in ms); worse = up, so `+` or no sign.
 * - rps (throughput): `%` (relative) or a plain number (absolute req/s); worse = down, so `-` or no sign.
 * - error_rate: `pp` (percentage points, absolute, stored as a fraction); worse = up.
 */
export interface RegressionLimit {
  /** The expression as written. */
  source: string;
  /** Endpoint name or `total`; undefined = every scope (total and each endpoint). */
  scope?: string;
  metric: RegressionMetric;
  /** `relative`: amount is a fraction of the baseline (0.1 = 10%); `absolute`: in the metric's unit (ms, req/s, fraction). */
  kind: 'relative' | 'absolute';
  /** Allowed change in the worse direction, ≥ 0. */
  amount: number;
}

const EXPR = /^(?:(.+):)?([a-z_][a-z0-9_.]*)\s*:\s*([+-]?)\s*([0-9]*\.?[0-9]+)\s*(%|pp|ms|s|us|µs)?\s*$/i;

/** Parse one `--max-regression` expression; returns an error message naming the expected form instead of throwing. */
export function parseRegression(source: string): RegressionLimit | { error: string } {
  const m = EXPR.exec(source.trim());
  if (!m) return { error: `"${source}" is not a regression limit; expected [ENDPOINT:]METRIC:±AMOUNT, e.g. p99:+10%, p95:+20ms, rps:-5%, error_rate:+0.5pp` };
  const [, scope, rawMetric, sign, num, rawUnit] = m;
  const metric = regressionMetric(rawMetric);
  if (!metric) return { error: `unknown metric "${rawMetric}" in "${source}"; expected one of ${Object.keys(REGRESSION_METRICS).join(', ')} (or p99.9, throughput)` };
  const def = REGRESSION_METRICS[metric];
  const unit = (rawUnit ?? '').toLowerCase();
  let amount = Number(num);
  if (sign && (sign === '+') !== (def.worse === 'up')) {
    const example = def.worse === 'up' ? `${rawMetric}:+${num}${rawUnit ?? ''}` : `${rawMetric}:-${num}${rawUnit ?? ''}`;
    return { error: `"${source}": a regression of ${metric} is ${def.worse === 'up' ? 'an increase' : 'a decrease'}; write ${example}` };
  }
  let kind: RegressionLimit['kind'];
  if (def.unit === 'ms') {
    if (unit === '%') kind = 'relative';
    else if (unit === 'ms' || unit === 's' || unit === 'us' || unit === 'µs') {
      kind = 'absolute';
      if (unit === 's') amount *= 1000;
      if (unit === 'us' || unit === 'µs') amount /= 1000;
    } else return { error: `"${source}": ${metric} takes a relative (+10%) or absolute (+20ms) limit` };
  } else if (def.unit === 'per-sec') {
    if (unit === '%') kind = 'relative';
    else if (unit === '') kind = 'absolute';
    else return { error: `"${source}": rps takes a relative (-5%) or absolute (-50, requests/s) limit` };
  } else {
    if (unit !== 'pp') return { error: `"${source}": error_rate takes percentage points, e.g. error_rate:+0.5pp` };
    kind = 'absolute';
    amount /= 100;
  }
  if (kind === 'relative') amount /= 100;
  const trimmedScope = scope?.trim();
  return { source: source.trim(), ...(trimmedScope ? { scope: trimmedScope } : {}), metric, kind, amount };
}

/** Limits used when `--baseline` is given without any `--max-regression`. */
export const DEFAULT_REGRESSIONS = ['p50:+10%', 'p99:+10%', 'rps:-5%', 'error_rate:+0.5pp'];
