/**
 * GitHub-flavoured Markdown report, made for pull-request comments: a verdict line,
 * thresholds, throughput/error and latency tables per endpoint plus the total, a
 * per-phase table and the run's details folded away. Every value taken from the result
 * file goes through escapeMarkdown (via markdownTable), so a hostile endpoint name cannot
 * add a column, inject HTML or ping anyone.
 */
import type { EndpointSummary } from '../results/types.js';
import { escapeMarkdown } from '../render/escape.js';
import { markdownTable, type Cell } from '../render/document.js';
import { formatActual, type ReportModel } from './model.js';
import { errorCount, failedCount } from '../results/failures.js';
import { bucketMax, bucketMean, sparkline } from '../render/sparkline.js';
import { formatCount, formatCountsInText, formatDurationSec, formatKinds, formatMs, formatPercent, formatRate, formatSecondsRange, formatUtc } from '../render/format.js';

/** Column heads and cells of the throughput/errors table (shared by the console fallback). */
export const THROUGHPUT_COLUMNS = ['endpoint', 'requests', 'target rate (/s)', 'achieved rate (/s)', 'error rate', 'errors by kind', '429/503', 'dropped', 'late'];

/** One throughput/errors row. achieved rate = completed / duration; target rate = scheduled / duration. */
export function throughputRow(s: EndpointSummary): Cell[] {
  return [
    s.name,
    formatCount(s.count),
    formatRate(s.targetRate),
    formatRate(s.achievedRate),
    formatPercent(s.errorRate),
    formatKinds(s.errors),
    formatCount(s.backpressure),
    formatCount(s.dropped),
    formatCount(s.late),
  ];
}

/** Column heads of the latency table, in ms. */
export const LATENCY_COLUMNS = ['endpoint', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'p99 service'];

/** One latency row: percentiles from the intended send time, plus p99 of the uncorrected service time. */
export function latencyRow(s: EndpointSummary): Cell[] {
  const l = s.latencyMs;
  return [s.name, formatMs(l.p50), formatMs(l.p90), formatMs(l.p95), formatMs(l.p99), formatMs(l.p999), formatMs(l.max), formatMs(s.serviceMs.p99)];
}

/** Column heads of the per-phase table. */
export const PHASE_COLUMNS = ['phase', 'time', 'requests', 'target rate (/s)', 'achieved rate (/s)', 'p50 (ms)', 'p99 (ms)', 'error rate', 'dropped'];

/** One per-phase row (rates are per second of the phase). */
export function phaseRow(p: ReportModel['phases'][number]): Cell[] {
  const t = p.total;
  return [
    p.name,
    formatSecondsRange(p.startSec, p.endSec),
    formatCount(t.count),
    formatRate(t.targetRate),
    formatRate(t.achievedRate),
    formatMs(t.latencyMs.p50),
    formatMs(t.latencyMs.p99),
    formatPercent(t.errorRate),
    formatCount(t.dropped),
  ];
}

/** Key/value rows describing the run (profile, target, timing, generator). */
export function runDetailRows(m: ReportModel): Cell[][] {
  const e = m.environment;
  const rows: Cell[][] = [
    ['profile', m.profile.file ? `${m.profile.name} (${m.profile.file})` : m.profile.name],
    ['model', m.profile.model === 'open' ? 'open (arrival rate)' : 'closed (virtual users)'],
    ['target', m.profile.target],
    ['started', formatUtc(m.run.startedAt)],
    ['ended', formatUtc(m.run.endedAt)],
    ['duration', `${formatDurationSec(m.run.durationSec)} (planned ${formatDurationSec(m.run.plannedDurationSec)}${m.run.scale !== 1 ? `, scale ${m.run.scale}` : ''})`],
    ['generator', `capplan ${e.capplanVersion}, Node ${e.nodeVersion}, ${e.platform}/${e.arch}, ${e.cpus} × ${e.cpuModel}`],
    ['host', e.hostname],
    ['workers × connections', `${e.workers} × ${e.connections}${m.run.shards > 1 ? ` on ${m.run.shards} machines (merged)` : ''}`],
  ];
  if (m.run.interrupted) rows.push(['interrupted', 'yes: partial result']);
  return rows;
}

/** Bars in the Markdown sparklines. */
export const SPARK_WIDTH = 48;

/**
 * A small table of sparklines over the run: achieved rate (mean per bar), p99 (highest per-second
 * p99 in each bar) and, when there were any, failures (errors + 429/503, mean per second).
 * Only capplan's own characters go into the code spans. Empty when the run is under 3 seconds.
 */
export function sparklineTable(m: ReportModel): string {
  const s = m.series.total;
  if (m.series.t.length < 3) return '';
  const rate = sparkline(s.achieved, SPARK_WIDTH, bucketMean);
  const rows: string[][] = [
    ['achieved rate', rate.line, `${formatCount(Math.max(...s.achieved))}/s`],
    ['p99 latency', sparkline(s.p99, SPARK_WIDTH, bucketMax).line, `${formatMs(Math.max(0, ...s.p99.map((v) => v ?? 0)))} ms`],
  ];
  const failing = s.errors.map((e, i) => e + s.backpressure[i]);
  if (failing.some((x) => x > 0)) {
    const f = sparkline(failing, SPARK_WIDTH, bucketMean);
    rows.push(['errors + 429/503', f.line, `${formatCount(Math.max(...failing))}/s`]);
  }
  const dropped = s.dropped.map((d, i) => d + s.late[i]);
  if (dropped.some((x) => x > 0)) rows.push(['dropped + late', sparkline(dropped, SPARK_WIDTH, bucketMean).line, `${formatCount(Math.max(...dropped))}/s`]);
  const bar = `over time (one bar = ${rate.bucketSize} s)`;
  return [`| ${bar} | | peak second |`, '| --- | --- | ---: |', ...rows.map(([label, line, peak]) => `| ${label} | \`${line}\` | ${peak} |`)].join('\n');
}

/** Render the report as GitHub-flavoured Markdown. */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  out.push(`### ${escapeMarkdown(m.verdict.headline)}`, '');
  out.push(
    `Profile **${escapeMarkdown(m.profile.name)}** (${m.profile.model} model) against ${escapeMarkdown(m.profile.target)} · ` +
      `${escapeMarkdown(formatDurationSec(m.run.durationSec))} · started ${escapeMarkdown(formatUtc(m.run.startedAt))}`,
    '',
  );
  if (m.verdict.reasons.length) {
    out.push(...m.verdict.reasons.map((r) => `- ${escapeMarkdown(r)}`), '');
  }
  for (const w of m.warnings) out.push(`> ⚠️ ${escapeMarkdown(formatCountsInText(w))}`, '');
  const spark = sparklineTable(m);
  if (spark) out.push(spark, '');

  if (m.thresholds.length) {
    out.push('#### Thresholds', '');
    out.push(
      markdownTable({
        columns: ['', 'scope', 'SLO', 'actual'],
        rows: m.thresholds.map((t) => [t.pass ? '✅' : '❌', t.scope, t.slo, t.note ?? formatActual(t)]),
      }),
      '',
    );
  }

  const all = [...m.summary.endpoints, m.summary.total];
  out.push('#### Throughput and errors', '');
  out.push(markdownTable({ columns: THROUGHPUT_COLUMNS, rows: all.map(throughputRow) }), '');
  out.push('#### Latency (ms, from intended send time)', '');
  out.push(markdownTable({ columns: LATENCY_COLUMNS, rows: all.map(latencyRow) }), '');

  if (m.phases.length > 1 || (m.phases.length === 1 && m.phases[0].total.count !== m.summary.total.count)) {
    out.push('#### Phases', '');
    out.push(markdownTable({ columns: PHASE_COLUMNS, rows: m.phases.map(phaseRow) }), '');
  }

  const codes = m.summary.total.statusCodes;
  const extras: Cell[][] = [];
  if (Object.keys(codes).length) extras.push(['status codes', formatKinds(codes)]);
  const transport = errorCount(m.summary.total.errors);
  if (transport > 0) extras.push(['errors by kind', formatKinds(m.summary.total.errors)]);
  out.push('<details><summary>Run details</summary>', '');
  out.push(markdownTable({ columns: ['', ''], rows: [...runDetailRows(m), ...extras] }), '');
  out.push('</details>', '');
  out.push('<sub>Latency is measured from each request\'s intended send time (coordinated-omission corrected); "p99 service" is from the actual send. Error rate = (errors + 429/503) / completed. Sparkline bars: the mean per second over the bar, for p99 the highest per-second p99.</sub>', '');
  return out.join('\n');
}
