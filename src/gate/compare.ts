import { requireIntervals, runRef, statSettings, type NamedResult, type RunRef, type StatSettings } from './report-common.js';
import { adjustPValues, type Correction } from '../stats/multiple-testing.js';
import { REGRESSION_METRICS, type RegressionMetric, type StatOptions } from './metrics.js';
import { runLevelEvidence } from './replicated.js';
import { beyondBandEitherWay, twoSidedP, type LimitSpec, type RunEvidence } from './run-verdict.js';

/** Metrics compared when `--metrics` is not given. */
export const DEFAULT_COMPARE_METRICS: RegressionMetric[] = ['p50', 'p99', 'rps', 'error_rate'];

/** One row of a comparison: a metric of a scope, the B runs against the A runs. */
export interface CompareRow {
  scope: string;
  metric: RegressionMetric;
  unit: (typeof REGRESSION_METRICS)[RegressionMetric]['unit'];
  /** The run-level evidence (the same as gate's), present when every run has the scope with data. */
  evidence?: RunEvidence;
  /** Two-sided p-value of the run-level t-test, before and after the correction over all tested rows (NaN: one run per side, no test). */
  pTwoSided?: number;
  pAdjusted?: number;
  /** Tested rows: adjusted p < α. */
  significant?: boolean;
  /** One run per side (or 1 vs 2): the change is beyond the default noise band of identical runs, either way. */
  beyondBand?: boolean;
  /** Present when a run lacks the scope or has no completed request in it. */
  note?: string;
}

/** The answer of {@link runCompare}. */
export interface CompareReport extends StatSettings {
  /** The A runs (e.g. the baseline) and the B runs (e.g. the candidate). */
  a: RunRef[];
  b: RunRef[];
  metrics: RegressionMetric[];
  rows: CompareRow[];
  warnings: string[];
}

/**
 * The scale a metric is compared on, as a gate limit of size 0: relative (ratio of geometric
 * means, a t-test on ln values) for latency and rps, absolute (difference of means) for error_rate.
 */
function compareScale(metric: RegressionMetric): LimitSpec {
  return { kind: REGRESSION_METRICS[metric].unit === 'fraction' ? 'absolute' : 'relative', amount: 0 };
}

const asList = (r: NamedResult | NamedResult[]) => (Array.isArray(r) ? r : [r]);

/**
 * Compare runs metric by metric for total and every endpoint, B relative to A, with gate's
 * run-level statistics and no verdict: each run gives one value per metric and scope
 * ({@link runLevelEvidence}); with ≥ 2 runs per side (or 1 against ≥ 3) a pooled t-test on the
 * per-run values (ln values for latency and rps), two-sided, corrected over all tested rows (Holm by
 * default); with one run per side no test — only whether the change is beyond the default noise band.
 */
export function runCompare(
  aRuns: NamedResult | NamedResult[],
  bRuns: NamedResult | NamedResult[],
  opts: StatOptions & { metrics?: RegressionMetric[]; alpha?: number; correction?: Correction } = {},
): CompareReport {
  const a = asList(aRuns);
  const b = asList(bRuns);
  for (const r of [...a, ...b]) requireIntervals(r, 'compare');
  const metrics = opts.metrics ?? DEFAULT_COMPARE_METRICS;
  const settings = statSettings(opts);
  const { alpha, correction, confidence } = settings;
  const warnings: string[] = [];
  const names = [...new Set([...a, ...b].map((r) => r.result.profile.name))];
  if (names.length > 1) warnings.push(`profiles differ: ${[...a, ...b].map((r) => `"${r.result.profile.name}" (${r.name})`).join(' vs ')}`);
  const all = [...a, ...b];
  const hasScope = (r: NamedResult, scope: string) => scope === 'total' || r.result.summary.endpoints.some((e) => e.name === scope);
  const endpoints = [...new Set(all.flatMap((r) => r.result.summary.endpoints.map((e) => e.name)))];
  // A single endpoint common to every run is the total: one set of rows is enough.
  const scopes = endpoints.length === 1 && all.every((r) => hasScope(r, endpoints[0])) ? ['total'] : ['total', ...endpoints];
  const rows: CompareRow[] = [];
  for (const scope of scopes) {
    const lacking = all.filter((r) => !hasScope(r, scope)).map((r) => r.name);
    for (const metric of metrics) {
      const unit = REGRESSION_METRICS[metric].unit;
      if (lacking.length) {
        rows.push({ scope, metric, unit, note: `not in ${lacking.join(', ')}` });
        continue;
      }
      const got = runLevelEvidence(a, b, scope, { metric, ...compareScale(metric) }, confidence);
      if (!got.evidence) rows.push({ scope, metric, unit, note: `no data (0 requests completed) in ${got.noData.join(', ')}` });
      else rows.push({ scope, metric, unit, evidence: got.evidence, pTwoSided: twoSidedP(got.evidence), beyondBand: beyondBandEitherWay(got.evidence) });
    }
  }
  const tested = rows.filter((r) => r.pTwoSided !== undefined && Number.isFinite(r.pTwoSided));
  const adjusted = adjustPValues(tested.map((r) => r.pTwoSided!), correction);
  tested.forEach((r, i) => {
    r.pAdjusted = adjusted[i];
    r.significant = adjusted[i] < alpha;
  });
  return { a: a.map(runRef), b: b.map(runRef), metrics, rows, warnings, ...settings };
}
