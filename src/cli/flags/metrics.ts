import { UsageError } from '../../errors.js';
import { REGRESSION_METRICS, regressionMetric, type RegressionMetric } from '../../gate/metrics.js';

/** `--metrics p50,p99,rps`: known metrics, deduplicated, in the order given. */
export function metricsFlag(flag: string, raw: string): RegressionMetric[] {
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !regressionMetric(p));
  if (parts.length === 0 || unknown.length) {
    throw new UsageError(`${flag}: expected a comma list of ${Object.keys(REGRESSION_METRICS).join(', ')} (got "${unknown.length ? unknown.join('", "') : raw}")`);
  }
  return [...new Set(parts.map((p) => regressionMetric(p)!))];
}
