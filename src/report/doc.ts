/**
 * The report as a renderer-neutral Doc (src/render/document.ts): the one layout that the console
 * (`capplan load`'s summary, `report --format console`, `demo`) and Markdown render, and whose rows
 * and columns the HTML report shows too, so a run reads the same in every format.
 * Numbers go through src/render/format.ts. Pure.
 */
import type { Cell, Doc, DocSection, DocTable } from '../render/document.js';
import { bucketMax, bucketMean, sparkline } from '../render/sparkline.js';
import { formatCount, formatDurationSec, formatKinds, formatMs, formatPercent, formatRate, formatSecondsRange, formatUtc, formatValue, formatCountsInText } from '../render/format.js';
import { errorCount } from '../results/failures.js';
import type { EndpointSummary } from '../results/types.js';
import { plural } from '../util/plural.js';
import { formatActual, type ReportModel } from './model.js';
import { MAX_SERIES_POINTS } from './scan.js';
import type { PhaseReport } from './types.js';
import { SHARD_HEALTH_HEADING, shardHealthTable } from '../shard/health-table.js';
import { chaosCovering, chaosTable, monitorNotes, monitorTable } from './watch-sections.js';

/** Column heads of the throughput/errors table. */
export const THROUGHPUT_COLUMNS = ['endpoint', 'requests', 'target rate (/s)', 'achieved rate (/s)', 'error rate', 'errors by kind', '429/503', 'dropped', 'late'];

/** On a narrow terminal: late goes first, then target rate and errors by kind (also in the run details), then 429/503 and dropped. */
export const THROUGHPUT_PRIORITY = [0, 0, 2, 0, 0, 2, 1, 1, 3];

/**
 * One throughput/errors row. achieved rate = completed / duration; target rate = scheduled / duration,
 * shown as `–` in the closed model (users wait: there is no target rate).
 */
export function throughputRow(s: EndpointSummary, model: 'open' | 'closed' = 'open'): Cell[] {
  return [
    s.name,
    formatCount(s.count),
    model === 'open' ? formatRate(s.targetRate) : '–',
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

/** On a narrow terminal: p90 and p99.9 go first, then p99 service and p95. */
export const LATENCY_PRIORITY = [0, 0, 2, 1, 0, 2, 0, 1];

/** One latency row: percentiles from the intended send time, plus p99 of the uncorrected service time. */
export function latencyRow(s: EndpointSummary): Cell[] {
  const l = s.latencyMs;
  // No completed request, no latency: a dash, not the summary's zeros.
  const ms = (v: number) => formatMs(s.count > 0 ? v : null);
  return [s.name, ms(l.p50), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.p999), ms(l.max), ms(s.serviceMs.p99)];
}

/** Column heads of the per-phase table. */
export const PHASE_COLUMNS = ['phase', 'time', 'requests', 'target rate (/s)', 'achieved rate (/s)', 'p50 (ms)', 'p99 (ms)', 'error rate', 'dropped'];

/** On a narrow terminal: p50 goes first, then requests and dropped. */
export const PHASE_PRIORITY = [0, 0, 1, 0, 0, 2, 0, 0, 1];

/** Column head of the phase table's chaos column (only when the run had chaos windows). */
export const PHASE_CHAOS_COLUMN = 'chaos';

/** The phase table's columns: {@link PHASE_COLUMNS}, plus `chaos` when the run had chaos windows. */
export function phaseColumns(m: ReportModel): string[] {
  return m.chaos?.windows.length ? [...PHASE_COLUMNS, PHASE_CHAOS_COLUMN] : PHASE_COLUMNS;
}

/**
 * One per-phase row (rates are per second of the phase); with chaos windows, a last cell naming
 * the windows that overlap the phase (`chaos 1 (10.7–14.7 s)`, `–` for none).
 */
export function phaseRow(p: PhaseReport, m?: ReportModel): Cell[] {
  const t = p.total;
  const chaos = m?.chaos?.windows.length ? [chaosCovering(m.chaos, p.startSec, p.endSec)] : [];
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
    ...chaos,
  ];
}

/** Whether the phase table adds anything: more than one phase, or one that does not cover the run. */
export function showPhases(m: ReportModel): boolean {
  return m.phases.length > 1 || (m.phases.length === 1 && m.phases[0].total.count !== m.summary.total.count);
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
    ['duration', `${formatDurationSec(m.run.durationSec)} (planned ${formatDurationSec(m.run.plannedDurationSec)}${m.run.scale !== 1 ? `, scale ${formatValue(m.run.scale, 'count')}` : ''})`],
    ['generator', `capplan ${e.capplanVersion}, Node ${e.nodeVersion}, ${e.platform}/${e.arch}, ${e.cpus} × ${e.cpuModel}`],
    ['host', e.hostname],
    ['workers × connections', `${e.workers} × ${e.connections}${m.run.shards > 1 ? ` on ${m.run.shards} machines (merged)` : ''}`],
  ];
  const g = m.summary.generator;
  if (g) rows.push(['send lateness', `p50 ${formatMs(g.latenessMs.p50)} ms, p99 ${formatMs(g.latenessMs.p99)} ms; busiest worker thread ${Math.round(g.busyMax * 100)}% busy`]);
  if (m.run.interrupted) rows.push(['interrupted', 'yes: partial result']);
  return rows;
}

/** Status codes by count, unambiguous with the thousands separator: `200: 12 345 · 201: 91` (largest first). */
export function formatStatusCodes(counts: Record<string, number | undefined>): string {
  const entries = Object.entries(counts).filter(([, v]) => (v ?? 0) > 0) as Array<[string, number]>;
  if (entries.length === 0) return '–';
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.map(([k, v]) => `${k}: ${formatCount(v)}`).join(' · ');
}

/** Bars in the sparklines. */
export const SPARK_WIDTH = 48;

/**
 * A small table of sparklines over the run: achieved rate (mean per bar), p99 (highest per-second
 * p99 in each bar) and, when there were any, failures (errors + 429/503, mean per second) and
 * dropped + late. Undefined when the run is under 3 seconds.
 */
export function sparklineTable(m: ReportModel): DocTable | undefined {
  const s = m.series.total;
  if (m.series.t.length < 3) return undefined;
  const peak = (xs: Array<number | null>) => xs.reduce<number>((a, v) => (v !== null && v > a ? v : a), 0);
  const rate = sparkline(s.achieved, SPARK_WIDTH, bucketMean);
  const rows: Cell[][] = [
    ['achieved rate', rate.line, formatValue(peak(s.achieved), 'per-sec')],
    ['p99 latency', sparkline(s.p99, SPARK_WIDTH, bucketMax).line, formatValue(peak(s.p99), 'ms')],
  ];
  const failing = s.errors.map((e, i) => e + s.backpressure[i]);
  if (failing.some((x) => x > 0)) rows.push(['errors + 429/503', sparkline(failing, SPARK_WIDTH, bucketMean).line, formatValue(peak(failing), 'per-sec')]);
  const dropped = s.dropped.map((d, i) => d + s.late[i]);
  if (dropped.some((x) => x > 0)) rows.push(['dropped + late', sparkline(dropped, SPARK_WIDTH, bucketMean).line, formatValue(peak(dropped), 'per-sec')]);
  // A bar spans bucketSize points of bucketSec seconds each (1 s unless the run was downsampled).
  const bucketSec = m.series.downsampled?.bucketSec ?? 1;
  const peakHead = bucketSec === 1 ? 'peak second' : `peak ${formatCount(bucketSec)} s bucket`;
  return { columns: [`over time (one bar = ${formatCount(rate.bucketSize * bucketSec)} s)`, '', peakHead], rows, codeColumns: [1] };
}

/**
 * What the achieved rate is measured against: `(target 200/s)` in the open model; in the closed
 * model there is no target rate, so the peak of users instead: `with 33 users (peak)`, where
 * peak = max over seconds of activeUsers (or of the planned users when no worker reported any).
 */
export function rateContext(m: ReportModel): string {
  if (m.profile.model === 'open') return `(target ${formatValue(m.summary.total.targetRate, 'per-sec')})`;
  const max = (xs: number[]) => xs.reduce((a, v) => (v > a ? v : a), 0);
  const users = max(m.series.activeUsers) || Math.round(max(m.series.targetLevel));
  return `with ${plural(users, 'user')} (peak)`;
}

/** The line under the verdict: profile, model, target, length, start and the achieved rate. */
export function runLine(m: ReportModel): string {
  const t = m.summary.total;
  return (
    `${m.profile.name} (${m.profile.model} model → ${m.profile.target}) · ${formatDurationSec(m.run.durationSec)} · ` +
    `started ${formatUtc(m.run.startedAt)} · achieved ${formatValue(t.achievedRate, 'per-sec')} ${rateContext(m)}`
  );
}

/** How a chaos window's effect is judged (src/analysis/chaos-effect.ts), under the chaos table. */
export const CHAOS_NOTE =
  'error rate and p99 during each window from the seconds it overlaps; before = the whole seconds that end before the first window; recovered = first of 3 seconds in a row with error rate ≤ before + 1 pp and p99 ≤ 1.2 × before';

/**
 * The downsampling method, stated wherever the series are shown (undefined when they are per second):
 * "per-second series: 130 000 s shown as 3 612 buckets of 36 s; …".
 */
export function downsamplingNote(m: ReportModel): string {
  const d = m.series.downsampled;
  if (!d) return 'per-second series: one point per second';
  return (
    `per-second series: ${formatCount(d.seconds)} s shown as ${formatCount(d.buckets)} buckets of ${formatCount(d.bucketSec)} s ` +
    `(at most ${formatCount(MAX_SERIES_POINTS)} points); rates and counts are the mean per second over each bucket, ` +
    `p50–p99.9 of each bucket from its merged histogram, max the largest; phase and whole-run numbers use every second`
  );
}

/** How the numbers are measured, printed last. */
export const REPORT_FOOTNOTE =
  'Latency is measured from each request\'s intended send time (coordinated-omission corrected); "p99 service" is from the actual send. ' +
  'Error rate = failed / completed, failed = errors + 429/503. Sparkline bars: the mean per second over the bar, for p99 the highest per-second p99.';

/** The report as a Doc: verdict, why, warnings, sparklines, thresholds, throughput, latency, phases, run details. */
export function reportDoc(m: ReportModel): Doc {
  const all = [...m.summary.endpoints, m.summary.total];
  const sections: DocSection[] = [];
  if (m.verdict.reasons.length) sections.push({ notes: m.verdict.reasons });
  const spark = sparklineTable(m);
  if (spark) sections.push({ table: spark, ...(m.series.downsampled ? { notes: [downsamplingNote(m)] } : {}) });
  if (m.thresholds.length) {
    sections.push({
      heading: 'Thresholds',
      table: { columns: ['', 'scope', 'SLO', 'actual'], rows: m.thresholds.map((t) => [t.pass ? '✅' : '❌', t.scope, t.slo, t.note ?? formatActual(t)]) },
    });
  }
  sections.push({ heading: 'Throughput and errors', table: { columns: THROUGHPUT_COLUMNS, rows: all.map((s) => throughputRow(s, m.profile.model)), priority: THROUGHPUT_PRIORITY } });
  sections.push({ heading: 'Latency (ms, from intended send time)', table: { columns: LATENCY_COLUMNS, rows: all.map(latencyRow), priority: LATENCY_PRIORITY } });
  if (showPhases(m)) sections.push({ heading: 'Phases', table: { columns: phaseColumns(m), rows: m.phases.map((p) => phaseRow(p, m)), priority: [...PHASE_PRIORITY, 0] } });
  if (m.shardSet) sections.push({ heading: SHARD_HEALTH_HEADING, table: shardHealthTable(m.shardSet.health) });
  if (m.chaos?.windows.length) {
    sections.push({ heading: 'Chaos windows', notes: [CHAOS_NOTE], table: chaosTable(m.chaos, m.chaosEffects ?? []) });
  }
  if (m.monitor) {
    const failed = m.monitor.sources.filter((x) => x.failures > 0).map((x) => `${x.failures} of ${x.scrapes} scrapes of ${x.source} failed${x.lastError ? ` (last: ${x.lastError})` : ''}`);
    sections.push({ heading: 'Server metrics (monitor)', notes: [...monitorNotes(m.monitor), ...failed], table: monitorTable(m.monitor) });
  }
  const total = m.summary.total;
  const extras: Cell[][] = [];
  if (Object.keys(total.statusCodes).length) extras.push(['status codes', formatStatusCodes(total.statusCodes)]);
  if (errorCount(total.errors) > 0) extras.push(['errors by kind', formatKinds(total.errors)]);
  if (total.backpressure > 0) extras.push(['429/503 with Retry-After', formatCount(total.retryAfter)]);
  sections.push({ heading: 'Run details', collapsed: true, table: { columns: ['', ''], rows: [...runDetailRows(m), ...extras] } });
  return {
    title: m.verdict.headline,
    headline: runLine(m),
    warnings: m.warnings.map(formatCountsInText),
    sections,
    footnote: REPORT_FOOTNOTE,
    data: m,
  };
}
