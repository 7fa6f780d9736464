/**
 * The summary `capplan load` prints at the end of a run (also `capplan report --format console`):
 * a throughput/errors table and a latency table, one row per endpoint plus the total, then
 * warnings and threshold results. Rendered through the shared Doc console renderer, so colour
 * appears only when chalk detects a TTY.
 */
import { renderDoc, type Cell, type Doc, type DocSection } from '../render/document.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import { parseSlo, SLO_METRICS } from '../gate/slo-expr.js';
import { checkThresholds } from '../gate/thresholds.js';
import { plural } from '../util/plural.js';

/** One evaluated threshold, as shown under the tables. */
export interface ThresholdLine {
  scope: string;
  expr: string;
  pass: boolean;
  actual: number;
  problem?: string;
}

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

/** `refused 3, timeout 1` (non-zero error kinds, fixed order), or `-`. */
export function errorsByKind(s: EndpointSummary): string {
  const parts = Object.entries(s.errors)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : '-';
}

/** One row of the Requests table; the closed model has no target rate (users wait), so it shows `-`. */
function requestRow(s: EndpointSummary, model: 'open' | 'closed'): Cell[] {
  return [
    s.name, s.count, model === 'open' ? s.targetRate : '-', s.achievedRate, pct(s.errorRate), errorsByKind(s),
    s.backpressure ? `${s.backpressure} (${s.retryAfter} retry-after)` : 0, s.dropped, s.late,
  ];
}

function latencyRow(s: EndpointSummary): Cell[] {
  const l = s.latencyMs;
  return [s.name, l.p50, l.p90, l.p95, l.p99, l.p999, l.max, l.mean, s.serviceMs.p50, s.serviceMs.p99];
}

/** Show an SLO's measured value in its unit (fraction as %, latency in ms, rates per second). */
function actualText(t: ThresholdLine): string {
  if (Number.isNaN(t.actual)) return t.problem ?? 'n/a';
  const parsed = parseSlo(t.expr);
  const unit = 'error' in parsed ? undefined : SLO_METRICS[parsed.metric];
  if (unit === 'fraction') return pct(t.actual);
  const v = String(Math.round(t.actual * 1000) / 1000);
  return unit === 'ms' ? `${v} ms` : unit === 'per-sec' ? `${v}/s` : v;
}

/**
 * What the achieved rate is measured against: `(target 200)` req/s in the open model; in the closed
 * model there is no target rate, so the peak of users instead: `with 33 users (peak)`, where
 * peak = max over intervals of activeUsers (or of the planned users when no worker reported any).
 */
function rateContext(result: ResultFile): string {
  if (result.profile.model === 'open') return `(target ${result.summary.total.targetRate})`;
  const peak = (pick: (iv: ResultFile['intervals'][number]) => number) => result.intervals.reduce((m, iv) => Math.max(m, pick(iv)), 0);
  const users = peak((iv) => iv.activeUsers) || Math.round(peak((iv) => iv.targetLevel));
  return `with ${plural(users, 'user')} (peak)`;
}

/** The command that prints the summary, named in its title: `capplan load: spike (…)`. */
export const DEFAULT_SUMMARY_COMMAND = 'capplan load';

/**
 * The end-of-run summary as a Doc (tables per endpoint + total, warnings, thresholds), titled
 * `<command>: <profile> (…)`; `command` defaults to "capplan load" (`report` passes "capplan report").
 */
export function summaryDoc(result: ResultFile, thresholds: ThresholdLine[] = [], command: string = DEFAULT_SUMMARY_COMMAND): Doc {
  const sum = result.summary;
  const rows = [...sum.endpoints, sum.total];
  const t = sum.total;
  const latencyNote =
    result.profile.model === 'open'
      ? 'latency = completion − intended send time (coordinated omission corrected); service = completion − actual send'
      : 'closed model: latency = completion − when the user issued the request (no coordinated-omission correction: users wait); service = completion − actual send';
  const sections: DocSection[] = [
    {
      heading: 'Requests',
      notes: ['error % = (errors + backpressure) / completed; achieved = completed / duration'],
      table: {
        columns: ['endpoint', 'requests', 'target/s', 'achieved/s', 'error %', 'errors by kind', 'backpressure (429/503)', 'dropped', 'late'],
        rows: rows.map((r) => requestRow(r, result.profile.model)),
      },
    },
    {
      heading: 'Latency (ms)',
      notes: [latencyNote],
      table: {
        columns: ['endpoint', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean', 'service p50', 'service p99'],
        rows: rows.map(latencyRow),
      },
    },
  ];
  if (thresholds.length) {
    sections.push({
      heading: 'Thresholds',
      table: {
        columns: ['scope', 'threshold', 'actual', 'result'],
        rows: thresholds.map((x) => [x.scope, x.expr, actualText(x), x.pass ? 'pass' : 'FAIL']),
      },
    });
  }
  const failed = thresholds.filter((x) => !x.pass).length;
  return {
    title: `${command}: ${result.profile.name} (${result.profile.model} model → ${result.profile.target})`,
    headline:
      `${plural(t.count, 'request')} in ${sum.durationSec.toFixed(1)} s · achieved ${t.achievedRate} req/s ${rateContext(result)} · ` +
      `p99 ${t.latencyMs.p99} ms · errors ${pct(t.errorRate)}` +
      (thresholds.length ? ` · thresholds ${failed ? `${failed} of ${thresholds.length} FAILED` : 'all passed'}` : ''),
    sections,
    warnings: sum.warnings,
    data: result.summary,
  };
}

/**
 * The end-of-run summary as console text (what `capplan load` prints); thresholds default to the
 * result's own; `command` names the printing command in the title (default "capplan load").
 */
export function renderConsoleSummary(
  result: ResultFile,
  thresholds: ThresholdLine[] = checkThresholds(result),
  command: string = DEFAULT_SUMMARY_COMMAND,
): string {
  return renderDoc(summaryDoc(result, thresholds, command), 'console');
}
