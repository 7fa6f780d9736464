import { evaluateSlo, parseSlo } from '../gate/slo-expr.js';
import type { ResultFile } from '../results/types.js';

/** One threshold checked against a finished run. */
export interface ThresholdCheck {
  /** `total` or an endpoint name. */
  scope: string;
  expr: string;
  pass: boolean;
  /** Measured value (ms for latency, fraction for error_rate), NaN when it could not be evaluated. */
  actual: number;
  /** Why it could not be evaluated (bad expression, unknown endpoint). */
  problem?: string;
}

/**
 * Evaluate the profile's thresholds (`profile.thresholds`: scope → SLO expressions) on the
 * result's summary. An expression that cannot be parsed or names an unknown endpoint fails.
 */
export function checkThresholds(result: ResultFile): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const [scope, exprs] of Object.entries(result.profile.thresholds ?? {})) {
    const summary = scope === 'total' ? result.summary.total : result.summary.endpoints.find((e) => e.name === scope);
    for (const expr of exprs) {
      const parsed = parseSlo(expr);
      if ('error' in parsed) {
        out.push({ scope, expr, pass: false, actual: NaN, problem: parsed.error });
      } else if (!summary) {
        out.push({ scope, expr, pass: false, actual: NaN, problem: `no endpoint named "${scope}" completed any request` });
      } else {
        const { pass, actual } = evaluateSlo(parsed, summary);
        out.push({ scope, expr, pass, actual });
      }
    }
  }
  return out;
}
