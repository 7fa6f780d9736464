/**
 * Thresholds on monitored series: `monitor:NAME:EXPR` (e.g. `monitor:process_resident_memory_bytes:growth<10%`,
 * `monitor:nodejs_eventloop_lag_seconds:max<0.1`), or in a profile `thresholds: { "monitor:NAME": ["growth<10%"] }`.
 * NAME may carry labels (`jvm_memory_used_bytes{area="heap"}`). Every matching series (per source)
 * must pass; no matching series, or too little data for `growth`, fails. Pure.
 *
 * Statistics: max/min over every sample, mean weighted by samples, last = the last point's mean,
 * growth = the soak analysis's post-GC-floor growth after the first {@link GROWTH_WARMUP_FRACTION}
 * of the series (a fraction: 0.1 = 10%).
 */
import { analyseMemory } from '../analysis/soak.js';
import { compare, type SloOp } from '../gate/slo-expr.js';
import { matches, parseSelector, selectMemory, type MetricSelector } from './select.js';
import { seriesKey } from './parse.js';
import type { StoredSeries } from './store.js';
import { maxOf, minOf } from '../util/extrema.js';

/** Statistics a monitor threshold can name. */
export const MONITOR_STATS = ['max', 'min', 'mean', 'last', 'growth'] as const;
export type MonitorStat = (typeof MONITOR_STATS)[number];

/** Part of the series ignored as warm-up by `growth`. */
export const GROWTH_WARMUP_FRACTION = 0.2;

/** A parsed monitor threshold. */
export interface MonitorExpr {
  source: string;
  selector: MetricSelector;
  stat: MonitorStat;
  op: SloOp;
  value: number;
}

const EXPR = /^\s*(max|min|mean|last|growth)\s*(<=|>=|==|!=|<|>)\s*([-+]?[0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(%?)\s*$/i;

/** True for a threshold scope naming a monitored metric (`monitor:NAME`). */
export function isMonitorScope(scope: string): boolean {
  return scope.startsWith('monitor:');
}

/** Parse `monitor:NAME` + `STAT OP VALUE`; an error message names what was expected. */
export function parseMonitorExpr(scope: string, expr: string): MonitorExpr | { error: string } {
  const selector = parseSelector(scope.slice('monitor:'.length));
  if (!selector) return { error: `"${scope}": expected monitor:METRIC or monitor:METRIC{label="value"}` };
  const m = EXPR.exec(expr);
  if (!m) return { error: `"${expr}" is not a monitor threshold; expected STAT OP VALUE with STAT one of ${MONITOR_STATS.join(', ')}, e.g. growth<10% or max<0.1` };
  const stat = m[1].toLowerCase() as MonitorStat;
  const percent = m[4] === '%';
  if (percent && stat !== 'growth') return { error: `"${expr}": only growth takes a percentage; ${stat} is in the metric's own unit` };
  return { source: `${scope}:${expr.trim()}`, selector, stat, op: m[2] as SloOp, value: Number(m[3]) / (percent ? 100 : 1) };
}

/** One evaluated series. */
export interface MonitorCheck {
  /** `NAME{labels} @ source`. */
  series: string;
  actual: number;
  pass: boolean;
  problem?: string;
}

/** Evaluate on every matching series; `[]` means no series matched (the caller fails the check). */
export function evaluateMonitorExpr(e: MonitorExpr, series: readonly StoredSeries[]): MonitorCheck[] {
  if (e.stat === 'growth') {
    return selectMemory(series, e.selector).map((s) => {
      const warm = s.tSec.length ? s.tSec[0] + (s.tSec[s.tSec.length - 1] - s.tSec[0]) * GROWTH_WARMUP_FRACTION : 0;
      const f = analyseMemory(s, warm, Math.max(0, e.value));
      const name = `${s.name} @ ${s.source}`;
      if (f.growth === undefined) return { series: name, actual: NaN, pass: false, problem: f.reason };
      return { series: name, actual: f.growth, pass: compare(f.growth, e.op, e.value) };
    });
  }
  return series
    .filter((s) => matches(s, e.selector) && s.t.length > 0)
    .map((s) => {
      const n = s.n.reduce((a, b) => a + b, 0);
      const actual =
        e.stat === 'max' ? maxOf(s.max)
        : e.stat === 'min' ? minOf(s.min)
        : e.stat === 'last' ? s.mean[s.mean.length - 1]
        : s.mean.reduce((a, m, i) => a + m * s.n[i], 0) / n;
      return { series: `${seriesKey(s.name, s.labels)} @ ${s.source}`, actual, pass: compare(actual, e.op, e.value) };
    });
}
