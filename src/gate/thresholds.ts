import { evaluateSlo, parseSlo, type SloMetric, type SloOp } from './slo-expr.js';
import { resolveScope } from './threshold-scope.js';
import type { PhaseSummary } from '../results/phase-summary.js';
import type { ResultFile } from '../results/types.js';
import { evaluateMonitorExpr, isMonitorScope, parseMonitorExpr, type MonitorExpr, type MonitorStat } from '../monitor/threshold.js';

/** One threshold checked against a finished run. */
export interface ThresholdCheck {
  /** The key as written: `total`, an endpoint name, or either `@PHASE` (`total@steady`). */
  scope: string;
  expr: string;
  /** The metric the expression names (`p99`, `error_rate`; a monitor statistic such as `max`, `growth`); absent when it does not parse. */
  metric?: SloMetric | MonitorStat;
  /** The expression's operator and limit, in the unit of `actual`; absent when it does not parse. */
  limit?: { op: SloOp; value: number };
  pass: boolean;
  /** Measured value (ms for latency, fraction for error_rate), NaN when it could not be evaluated. */
  actual: number;
  /** Why it could not be evaluated (bad expression, unknown endpoint or phase, a phase without data). */
  problem?: string;
}

/**
 * Evaluate the profile's thresholds (`profile.thresholds`: scope → SLO expressions) on the
 * result. `total` and endpoint keys use the run's summary; `SCOPE@PHASE` keys aggregate only
 * the intervals inside that phase (`run.phases`, t ∈ [startSec, endSec); rates per second of
 * the phase's overlap with the run). An expression that cannot be parsed, names an unknown
 * endpoint or phase, or a phase with no data, fails; so does a latency or error-rate threshold on
 * a scope where no request completed ("no data (0 requests completed)").
 */
export function checkThresholds(result: ResultFile): ThresholdCheck[] {
  return thresholdChecks(result, true);
}

/** {@link checkThresholds} without the `monitor:` keys (for callers that check those themselves, with their parsed expression). */
export function checkSloThresholds(result: ResultFile): ThresholdCheck[] {
  return thresholdChecks(result, false);
}

function thresholdChecks(result: ResultFile, withMonitor: boolean): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  const phases = new Map<string, PhaseSummary | undefined>();
  for (const [scope, exprs] of Object.entries(result.profile.thresholds ?? {})) {
    if (isMonitorScope(scope)) {
      if (withMonitor) for (const expr of exprs) out.push(...checkMonitorThreshold(result, scope, expr, parseMonitorExpr(scope, expr)));
      continue;
    }
    const resolved = resolveScope(result, scope, phases);
    for (const expr of exprs) {
      const parsed = parseSlo(expr);
      if ('error' in parsed) {
        out.push({ scope, expr, pass: false, actual: NaN, problem: parsed.error });
        continue;
      }
      const what = { scope, expr, metric: parsed.metric, limit: { op: parsed.op, value: parsed.value } };
      if ('problem' in resolved) {
        out.push({ ...what, pass: false, actual: NaN, problem: resolved.problem });
      } else {
        const { pass, actual, problem } = evaluateSlo(parsed, resolved.summary);
        out.push({ ...what, pass, actual, ...(problem ? { problem } : {}) });
      }
    }
  }
  return out;
}

/**
 * A `monitor:METRIC` threshold, `parsed` being parseMonitorExpr(scope, expr) (parsed once by the caller):
 * one check per matching series (scope `monitor:METRIC @ source`). No monitor data, or no matching
 * series, is one failed check saying so; an expression that did not parse is one failed check with its error.
 */
export function checkMonitorThreshold(result: ResultFile, scope: string, expr: string, parsed: MonitorExpr | { error: string }): ThresholdCheck[] {
  if ('error' in parsed) return [{ scope, expr, pass: false, actual: NaN, problem: parsed.error }];
  const what = { expr, metric: parsed.stat, limit: { op: parsed.op, value: parsed.value } };
  if (!result.monitor) return [{ scope, ...what, pass: false, actual: NaN, problem: 'the run was not monitored (add monitor: to the profile or --monitor URL)' }];
  const checks = evaluateMonitorExpr(parsed, result.monitor.series);
  if (checks.length === 0) {
    const names = [...new Set(result.monitor.series.map((s) => s.name))].slice(0, 8).join(', ');
    return [{ scope, ...what, pass: false, actual: NaN, problem: `no monitored series matches ${scope.slice(8)}${names ? ` (have ${names}, …)` : ''}` }];
  }
  return checks.map((c) => ({ scope: `${scope} @ ${c.series.split(' @ ')[1]}`, ...what, pass: c.pass, actual: c.actual, ...(c.problem ? { problem: c.problem } : {}) }));
}
