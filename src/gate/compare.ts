import { requireIntervals, runRef, statSettings, type NamedResult, type RunRef, type StatSettings } from './report-common.js';
import { adjustPValues, type Correction } from '../stats/multiple-testing.js';
import { compareMetric, REGRESSION_METRICS, type MetricComparison, type RegressionMetric, type StatOptions } from './metrics.js';
import { buildSeries } from './series.js';

/** Metrics compared when `--metrics` is not given. */
export const DEFAULT_COMPARE_METRICS: RegressionMetric[] = ['p50', 'p99', 'rps', 'error_rate'];

/** One row of a comparison: a metric of a scope, A against B. */
export interface CompareRow {
  scope: string;
  metric: RegressionMetric;
  unit: (typeof REGRESSION_METRICS)[RegressionMetric]['unit'];
  /** Present when both runs have the scope. */
  comparison?: MetricComparison;
  /** Two-sided p-value after the correction over all rows. */
  pAdjusted?: number;
  significant?: boolean;
  /** Present when a run lacks the scope. */
  note?: string;
}

/** The answer of {@link runCompare}. */
export interface CompareReport extends StatSettings {
  a: RunRef;
  b: RunRef;
  metrics: RegressionMetric[];
  rows: CompareRow[];
  warnings: string[];
}

/**
 * Compare two runs metric by metric for total and every endpoint (B relative to A):
 * change = B − A and B/A − 1, bootstrap interval of the change, two-sided Mann–Whitney
 * p-value over per-second values, corrected over all rows (Holm by default). No verdict.
 */
export function runCompare(
  a: NamedResult,
  b: NamedResult,
  opts: StatOptions & { metrics?: RegressionMetric[]; alpha?: number; correction?: Correction } = {},
): CompareReport {
  for (const r of [a, b]) requireIntervals(r, 'compare');
  const metrics = opts.metrics ?? DEFAULT_COMPARE_METRICS;
  const settings = statSettings(opts);
  const { alpha, correction } = settings;
  const warnings: string[] = [];
  if (a.result.profile.name !== b.result.profile.name) {
    warnings.push(`profiles differ: "${a.result.profile.name}" (${a.name}) vs "${b.result.profile.name}" (${b.name})`);
  }
  const sa = buildSeries(a.result);
  const sb = buildSeries(b.result);
  const endpoints = [...new Set([...a.result.summary.endpoints, ...b.result.summary.endpoints].map((e) => e.name))];
  // A single endpoint common to both runs is the total: one set of rows is enough.
  const scopes = endpoints.length === 1 && sa.has(endpoints[0]) && sb.has(endpoints[0]) ? ['total'] : ['total', ...endpoints];
  const rows: CompareRow[] = [];
  for (const scope of scopes) {
    for (const metric of metrics) {
      const unit = REGRESSION_METRICS[metric].unit;
      const x = sa.get(scope);
      const y = sb.get(scope);
      if (!x || !y) rows.push({ scope, metric, unit, note: `only in ${x ? a.name : b.name}` });
      else rows.push({ scope, metric, unit, comparison: compareMetric(x, y, metric, opts) });
    }
  }
  const compared = rows.filter((r) => r.comparison);
  const adjusted = adjustPValues(compared.map((r) => r.comparison!.pTwoSided), correction);
  compared.forEach((r, i) => {
    r.pAdjusted = adjusted[i];
    r.significant = adjusted[i] < alpha;
  });
  return { a: runRef(a), b: runRef(b), metrics, rows, warnings, ...settings };
}
