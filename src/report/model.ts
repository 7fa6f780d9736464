/**
 * The report model: everything a renderer shows, built once from a result file.
 * Markdown, CSV, JSON, HTML (and the console fallback) all take this same typed value
 * (DESIGN.md principle 7). Pure: no I/O, no clock.
 *
 * Units: latencies in ms, rates in events per second, times in seconds since the run started.
 */
import type { Bottleneck, EndpointSummary, GeneratorSummary, Environment, ResultFile, ShardSetRecord } from '../results/types.js';
import { SLO_METRICS, type SloMetric } from '../gate/slo-expr.js';
import { isMonitorScope } from '../monitor/threshold.js';
import type { ChaosRecord, MonitorRecordJson } from '../monitor/record-schema.js';
import { checkThresholds } from '../gate/thresholds.js';
import { formatCount, formatKinds, formatMs, formatPercent } from '../render/format.js';
import { scanIntervals } from './scan.js';
import { failedCount } from '../results/failures.js';
import type { EndpointSeries, LatencyDistribution, PhaseReport, ReportSeries } from './types.js';
import { chaosEffects, type ChaosEffect } from '../analysis/chaos-effect.js';
import { monitorColumns, type MonitorColumn } from './monitor-columns.js';
import { plural } from '../util/plural.js';

export type { Downsampling, EndpointSeries, LatencyDistribution, PercentilePoint, PhaseReport, ReportSeries } from './types.js';

/** `schema` field of the JSON report. Bump when a field changes meaning or disappears. */
export const REPORT_SCHEMA = 'capplan-report/1';

/**
 * Error or dropped fraction at or above which the verdict's reason says the share is high (⚠️, not ❌: the
 * verdict's symbol agrees with the exit code, and only a threshold, or nothing completed, fails a run).
 * failing fraction = (Σ errors + backpressure) / completed; dropped fraction = dropped / scheduled.
 */
export const FAIL_FRACTION = 0.05;

/** Overall verdict: pass (✅), warn (⚠️: errors, dropped, late, backpressure, interrupted) or fail (❌). */
export type VerdictLevel = 'pass' | 'warn' | 'fail';

export interface ReportVerdict {
  level: VerdictLevel;
  /** ✅, ⚠️ or ❌. */
  symbol: string;
  /** One line: "✅ spike: 12 345 requests, 1.2% errors, p99 87 ms, 0 dropped". */
  headline: string;
  /** The headline without symbol and name: "12 345 requests, 1.2% errors, p99 87 ms, 0 dropped". */
  detail: string;
  /** Why the verdict is not ✅ (empty when it is). */
  reasons: string[];
}

/** One threshold from the profile, checked against the summary. */
export interface ThresholdRow {
  /** Endpoint name or `total`. */
  scope: string;
  /** The expression as written, e.g. `p99<200ms`. */
  slo: string;
  /** The metric it checks (`p99`, `error_rate`; a monitor statistic such as `max`, `growth`); null when the expression does not parse. */
  metric: string | null;
  /** Its operator and limit, in `unit` (ms, fraction…: `p99<0.2s` → { op: '<', value: 200 }); null when the expression does not parse. */
  limit: { op: string; value: number } | null;
  /** Measured value in the metric's unit (ms, fraction, per-sec or count); null when it could not be evaluated. */
  actual: number | null;
  /** Unit of `actual`. */
  unit: 'ms' | 'fraction' | 'per-sec' | 'count' | 'value' | null;
  /** false also when it could not be evaluated (bad expression, unknown endpoint; see `note`). */
  pass: boolean;
  /** Why it could not be evaluated. */
  note?: string;
}

/** The typed report every renderer takes. Serialised as is by `--format json`. */
export interface ReportModel {
  schema: typeof REPORT_SCHEMA;
  /** Profile name. */
  title: string;
  profile: { name: string; file?: string; model: 'open' | 'closed'; target: string };
  run: {
    startedAt: string;
    endedAt: string;
    startEpochMs: number;
    durationSec: number;
    plannedDurationSec: number;
    interrupted: boolean;
    scale: number;
    /** Load generators merged into this result (1 for a single machine). */
    shards: number;
  };
  environment: Environment;
  verdict: ReportVerdict;
  thresholds: ThresholdRow[];
  warnings: string[];
  /** Whole-run summaries (from the result file). */
  summary: { total: EndpointSummary; endpoints: EndpointSummary[]; generator?: GeneratorSummary };
  phases: PhaseReport[];
  series: ReportSeries;
  /** Latency distributions: total first, then each endpoint. */
  distributions: LatencyDistribution[];
  /**
   * Distribution of the uncorrected service time (actual send → completion) over all endpoints.
   * Its gap to the total latency curve is the queueing that coordinated omission would hide.
   */
  serviceDistribution: LatencyDistribution;
  /** A merged sharded run: its shards and each one's generator health (absent otherwise). */
  shardSet?: ShardSetRecord;
  /** The monitored server series, when the run was monitored. */
  monitor?: MonitorRecordJson;
  /** The chaos schedule as applied, when the run had one. */
  chaos?: ChaosRecord;
  /**
   * The effect of each chaos window (same order as `chaos.windows`), judged on the total's
   * per-second stats (not on downsampled buckets): error rate and worst-second p99 during the
   * fault, the baseline before the first window, and the time to recover.
   */
  chaosEffects?: ChaosEffect[];
  /**
   * The monitored series aligned to `series.t` (src/report/monitor-columns.ts): one column per
   * series, sample-weighted mean of the samples in each row, null where none fell; `chart` marks
   * the ones the HTML report plots.
   */
  monitorColumns?: MonitorColumn[];
}

/** Build the report model from a result file. */
export function buildReportModel(result: ResultFile): ReportModel {
  const { summary } = result;
  const thresholds = thresholdRows(result);
  const endpointNames = summary.endpoints.map((e) => e.name);
  const windows = result.chaos?.windows ?? [];
  const { series, distributions, serviceDistribution, phases, perSecond } = scanIntervals(result, endpointNames, { perSecond: windows.length > 0 });
  return {
    schema: REPORT_SCHEMA,
    title: result.profile.name,
    profile: {
      name: result.profile.name,
      ...(result.profile.file !== undefined ? { file: result.profile.file } : {}),
      model: result.profile.model,
      target: result.profile.target,
    },
    run: {
      startedAt: result.run.startedAt,
      endedAt: result.run.endedAt,
      startEpochMs: result.run.startEpochMs,
      durationSec: summary.durationSec,
      plannedDurationSec: result.run.plannedDurationMs / 1000,
      interrupted: result.run.interrupted,
      scale: result.run.scale,
      shards: result.shards ?? 1,
    },
    environment: result.environment,
    verdict: buildVerdict(result.profile.name, summary.total, thresholds, result.run.interrupted, summary.generator?.bottleneck),
    thresholds,
    warnings: [...summary.warnings],
    summary: { total: summary.total, endpoints: summary.endpoints, ...(summary.generator ? { generator: summary.generator } : {}) },
    phases,
    series,
    distributions,
    serviceDistribution,
    ...(result.shardSet ? { shardSet: result.shardSet } : {}),
    ...(result.monitor ? { monitor: result.monitor, monitorColumns: monitorColumns(result.monitor, series) } : {}),
    ...(result.chaos ? { chaos: result.chaos } : {}),
    ...(perSecond ? { chaosEffects: chaosEffects(perSecond, windows.map((w) => ({ fromSec: w.fromSec, toSec: w.toSec }))) } : {}),
  };
}

/**
 * The profile's thresholds checked against the summary (src/gate/thresholds.ts, the same check
 * `load` exits 1 on), with the unit of each measured value. Unparseable expressions and unknown
 * endpoints fail, with `note` saying why.
 */
export function thresholdRows(result: ResultFile): ThresholdRow[] {
  return checkThresholds(result).map((c) => {
    // monitor:METRIC thresholds: growth is a fraction, the other statistics are in the metric's own unit
    const unit = c.metric === undefined ? null : isMonitorScope(c.scope) ? (c.metric === 'growth' ? 'fraction' : 'value') : SLO_METRICS[c.metric as SloMetric];
    return {
      scope: c.scope,
      slo: c.expr,
      metric: c.metric ?? null,
      limit: c.limit ?? null,
      actual: Number.isNaN(c.actual) ? null : c.actual,
      unit,
      pass: c.pass,
      ...(c.problem ? { note: c.problem } : {}),
    };
  });
}

/**
 * The verdict, whose symbol agrees with `load`'s exit code: ❌ (exit 1) when a threshold failed (or could not be
 * evaluated) or nothing completed; ⚠️ when anything failed, was dropped or late, was pushed back, or the run was
 * interrupted (at or above FAIL_FRACTION the reason says so and suggests a threshold); ✅ otherwise.
 */
export function buildVerdict(name: string, total: EndpointSummary, thresholds: ThresholdRow[], interrupted: boolean, bottleneck?: Bottleneck): ReportVerdict {
  const fail: string[] = [];
  const warn: string[] = [];
  for (const t of thresholds) {
    if (!t.pass) fail.push(`threshold ${t.scope}: ${t.slo} failed (${t.note ?? `actual ${formatActual(t)}`})`);
  }
  if (total.count === 0) fail.push('no request completed');
  const failing = failedCount(total);
  if (failing > 0) {
    const msg = `${formatPercent(total.errorRate)} of requests failed (${formatKinds({ ...total.errors, backpressure: total.backpressure })})`;
    warn.push(total.errorRate >= FAIL_FRACTION && !thresholds.some((t) => /error_rate/.test(t.slo)) ? `${msg}; no threshold checks the error rate (add error_rate<1% to fail such a run)` : msg);
  }
  if (total.dropped > 0) {
    const frac = total.scheduled > 0 ? total.dropped / total.scheduled : 1;
    const who = bottleneck === 'target' ? 'the target could not keep up' : bottleneck === 'generator' ? 'the generator could not keep up' : 'not sent on time';
    const msg = `${formatCount(total.dropped)} arrivals (${formatPercent(frac)} of scheduled) dropped: ${who}`;
    warn.push(frac >= FAIL_FRACTION && !thresholds.some((t) => /dropped/.test(t.slo)) ? `${msg}; no threshold checks drops (add dropped==0 to fail such a run)` : msg);
  }
  if (total.late > 0) warn.push(`${plural(total.late, 'request')} left late`);
  if (interrupted) warn.push('run interrupted: partial result');
  const level: VerdictLevel = fail.length ? 'fail' : warn.length ? 'warn' : 'pass';
  const symbol = level === 'fail' ? '❌' : level === 'warn' ? '⚠️' : '✅';
  const passed = thresholds.filter((t) => t.pass).length;
  const parts = [
    `${formatCount(total.count)} requests`,
    `${formatPercent(total.errorRate)} errors`,
    // No completed request, no latency: never print the summary's 0 as if it were measured.
    total.count > 0 ? `p99 ${formatMs(total.latencyMs.p99)} ms` : 'p99 n/a',
  ];
  let detail = `${parts.join(', ')}, ${formatCount(total.dropped)} dropped`;
  if (thresholds.length) detail += `; ${passed}/${thresholds.length} thresholds passed`;
  return { level, symbol, headline: `${symbol} ${name}: ${detail}`, detail, reasons: [...fail, ...warn] };
}

/** A threshold's measured value in its unit, for display ("212 ms", "1.2%", "950/s"). */
export function formatActual(t: ThresholdRow): string {
  if (t.actual === null) return '–';
  switch (t.unit) {
    case 'ms': return `${formatMs(t.actual)} ms`;
    case 'fraction': return formatPercent(t.actual);
    case 'per-sec': return `${formatMs(t.actual)}/s`;
    case 'value': return String(Number(t.actual.toPrecision(4)));
    default: return formatCount(t.actual);
  }
}
