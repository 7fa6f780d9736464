/**
 * Self-contained HTML report: one file, no network at view time. uPlot and its CSS are
 * inlined, the report model travels as JSON in `<script type="application/json">`
 * (with `<`, `>`, `&`, U+2028/9 escaped so `</script>` or `<!--` in a name cannot end the
 * block), tables are rendered here with escapeHtml, and a Content-Security-Policy allows
 * only the two inline scripts by their SHA-256 hashes and no network at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { escapeHtml } from '../render/escape.js';
import type { Cell } from '../render/document.js';
import type { EndpointSummary } from '../results/types.js';
import { formatActual, type ReportModel } from './model.js';
import { errorCount, failedCount } from '../results/failures.js';
import { SHARD_HEALTH_COLUMNS, SHARD_HEALTH_HEADING, shardHealthCells } from '../shard/health-table.js';
import { CHAOS_NOTE, LATENCY_COLUMNS, REPORT_FOOTNOTE, THROUGHPUT_COLUMNS, downsamplingNote, latencyRow, phaseColumns, phaseRow, rateContext, runDetailRows, showPhases, throughputRow } from './doc.js';
import { chaosTable, monitorTable } from './watch-sections.js';
import { CHART_RULE, type MonitorColumn, type MonitorUnit } from './monitor-columns.js';
import { formatCount, formatCountsInText, formatDurationSec, formatMs, formatPercent, formatRate, formatUtc } from '../render/format.js';
import { REPORT_CSS } from './html/style.js';
import { REPORT_CLIENT_JS } from './html/client.js';

let uplotAssets: { js: string; css: string } | undefined;

/** uPlot's minified IIFE build and stylesheet, read once from the installed `uplot` package. */
export function uplotAssetsText(): { js: string; css: string } {
  if (!uplotAssets) {
    const require = createRequire(import.meta.url);
    uplotAssets = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return uplotAssets;
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \u003c, \u003e, \u0026
 * (still the same JSON), and U+2028/U+2029 are escaped, so no string can close the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Inline script text must not contain `</script` (case-insensitive); escape it as `<\/script`. */
function inlineScript(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function cellHtml(c: Cell): string {
  return escapeHtml(c === null || c === undefined ? '' : String(c));
}

export function htmlTable(columns: string[], rows: Array<{ cells: Cell[]; cls?: string; cellCls?: Array<string | undefined> }>, cls = ''): string {
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => {
      const tds = r.cells.map((c, i) => {
        const k = r.cellCls?.[i];
        return k ? `<td class="${k}">${cellHtml(c)}</td>` : `<td>${cellHtml(c)}</td>`;
      });
      return `<tr${r.cls ? ` class="${r.cls}"` : ''}>${tds.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ''}><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Highlight classes for the combined endpoint row: error rate, errors, 429s, dropped, late. */
function endpointCellClasses(s: EndpointSummary): Array<string | undefined> {
  const cls: Array<string | undefined> = [];
  cls[4] = s.errorRate >= 0.05 ? 'bad' : s.errorRate > 0 ? 'warn' : undefined;
  cls[5] = errorCount(s.errors) > 0 ? 'warn' : undefined;
  cls[6] = s.backpressure > 0 ? 'warn' : undefined;
  cls[7] = s.dropped > 0 ? 'bad' : undefined;
  cls[8] = s.late > 0 ? 'warn' : undefined;
  return cls;
}

function kpi(label: string, value: string, unit: string, sub: string, state: '' | 'warn' | 'bad' = ''): string {
  return (
    `<div class="kpi${state ? ` ${state}` : ''}"><div class="label">${escapeHtml(label)}</div>` +
    `<div class="value">${escapeHtml(value)}${unit ? `<small>${escapeHtml(unit)}</small>` : ''}</div>` +
    `<div class="sub">${escapeHtml(sub)}</div></div>`
  );
}

function kpis(m: ReportModel): string {
  const t = m.summary.total;
  const failed = failedCount(t);
  const shortfall = t.targetRate > 0 && t.achievedRate < 0.95 * t.targetRate;
  return `<section class="kpis">
${kpi('Requests', formatCount(t.count), '', `of ${formatCount(t.scheduled)} scheduled`)}
${kpi('Throughput', formatRate(t.achievedRate), '/s', rateContext(m).replace(/^\((.*)\)$/, '$1'), shortfall ? 'warn' : '')}
${kpi('p50 latency', formatMs(t.latencyMs.p50), 'ms', `mean ${formatMs(t.latencyMs.mean)} ms`)}
${kpi('p99 latency', formatMs(t.latencyMs.p99), 'ms', `p99.9 ${formatMs(t.latencyMs.p999)} ms · max ${formatMs(t.latencyMs.max)} ms`)}
${kpi('Error rate', formatPercent(t.errorRate), '', `${formatCount(failed)} failed (${formatCount(t.backpressure)} were 429/503)`, t.errorRate >= 0.05 ? 'bad' : t.errorRate > 0 ? 'warn' : '')}
${kpi('Dropped', formatCount(t.dropped), '', `${formatCount(t.late)} late`, t.dropped > 0 ? 'bad' : t.late > 0 ? 'warn' : '')}
</section>`;
}

function header(m: ReportModel): string {
  const v = m.verdict;
  const label = v.level === 'pass' ? 'PASS' : v.level === 'warn' ? 'WARNING' : 'FAIL';
  const meta = [
    `${m.profile.model} model`,
    m.profile.target,
    formatDurationSec(m.run.durationSec),
    `started ${formatUtc(m.run.startedAt)}`,
    `capplan ${m.environment.capplanVersion}`,
  ];
  const reasons = v.reasons.length ? `<ul class="reasons">${v.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  const warnings = m.warnings.length ? `<div class="warnings">${m.warnings.map((w) => `<p>⚠️ ${escapeHtml(formatCountsInText(w))}</p>`).join('')}</div>` : '';
  return `<header class="verdict ${v.level}">
<div class="title-row"><span class="badge">${label}</span><h1>${escapeHtml(m.title)}</h1></div>
<p class="headline num">${escapeHtml(v.detail)}</p>
<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>
${reasons}${warnings}
</header>`;
}

/** Chart title and axis unit of each monitored unit (the client scales bytes to MiB, seconds to ms, ratios to %). */
export const MONITOR_CHART_TITLES: Record<MonitorUnit, string> = {
  bytes: 'Server memory (MiB)',
  seconds: 'Server times (ms)',
  ratio: 'Server ratios (%)',
  count: 'Server gauges',
};

/** Order of the server charts: memory, times (event-loop lag), gauges (busy workers, queue), ratios. */
export const MONITOR_UNIT_ORDER: MonitorUnit[] = ['bytes', 'seconds', 'count', 'ratio'];

/** The units of the charted monitor columns, in {@link MONITOR_UNIT_ORDER}: one chart each. */
export function monitorChartUnits(columns: readonly MonitorColumn[] | undefined): MonitorUnit[] {
  return MONITOR_UNIT_ORDER.filter((u) => (columns ?? []).some((c) => c.chart && c.unit === u));
}

function charts(m: ReportModel): string {
  const fig = (id: string, title: string, hint: string, scoped: boolean) =>
    `<figure class="chart"><figcaption>${escapeHtml(title)}${scoped ? ' — <span class="scope-name">all endpoints</span>' : ''}</figcaption>` +
    `<p class="hint">${escapeHtml(hint)}</p><div class="plot" id="${id}"></div></figure>`;
  const notes: string[] = [];
  if (m.series.downsampled) notes.push(downsamplingNote(m));
  if (m.chaos?.windows.length) notes.push('Red bands on every time chart: the chaos windows (faults on), named as in the chaos table below.');
  const monitorFigs = monitorChartUnits(m.monitorColumns).map((unit) => {
    const names = (m.monitorColumns ?? []).filter((c) => c.chart && c.unit === unit).map((c) => c.series);
    return fig(`chart-monitor-${unit}`, MONITOR_CHART_TITLES[unit], `Scraped from the target during the run, on the load's time axis: ${names.join(', ')}.`, false);
  });
  if (monitorFigs.length) notes.push(`Server charts: ${CHART_RULE}.`);
  return `<div class="toolbar"><h2>Over time</h2><label for="scope">Endpoint</label>
<select id="scope"><option value="-1">All endpoints</option></select></div>
${notes.map((n) => `<p class="hint chart-note">${escapeHtml(n)}</p>`).join('\n')}
<section class="charts">
${fig('chart-rate', 'Target vs achieved rate', 'Requests per second the schedule intended vs requests completed. Shaded bands are the profile’s phases.', true)}
${fig('chart-latency', 'Latency percentiles', 'Per second, from each request’s intended send time (coordinated-omission corrected). Click the legend to show p99.9 and max.', true)}
${fig('chart-distribution', 'Latency distribution', 'HDR percentile curve over the whole run: how slow the slowest 10%, 1%, 0.1%… of requests were. Dashed: service time from the actual send; the gap to “all endpoints” is time spent waiting to be sent.', false)}
${fig('chart-errors', 'Errors, 429/503, dropped and late', 'Per second. Dropped: arrivals the generator could not send at all; late: sent after their intended time.', true)}
${monitorFigs.join('\n')}
</section>`;
}

function tables(m: ReportModel): string {
  const parts: string[] = [];
  if (m.thresholds.length) {
    parts.push('<h2>Thresholds</h2>');
    parts.push(
      htmlTable(
        ['', 'scope', 'SLO', 'actual'],
        m.thresholds.map((t) => ({
          cells: [t.pass ? '✓ pass' : '✗ fail', t.scope, t.slo, t.note ?? formatActual(t)],
          cellCls: [t.pass ? 'pass' : 'bad'],
        })),
        'left',
      ),
    );
  }
  const all = [...m.summary.endpoints, m.summary.total];
  const cls = (s: EndpointSummary) => (s === m.summary.total ? 'total' : undefined);
  parts.push('<h2>Throughput and errors</h2>', htmlTable(THROUGHPUT_COLUMNS, all.map((s) => ({ cells: throughputRow(s, m.profile.model), cls: cls(s), cellCls: endpointCellClasses(s) }))));
  parts.push('<h2>Latency (ms, from intended send time)</h2>', htmlTable(LATENCY_COLUMNS, all.map((s) => ({ cells: latencyRow(s), cls: cls(s) }))));
  if (showPhases(m)) {
    parts.push('<h2>Phases</h2>', htmlTable(phaseColumns(m), m.phases.map((p) => ({ cells: phaseRow(p, m) }))));
  }
  if (m.chaos?.windows.length) {
    const t = chaosTable(m.chaos, m.chaosEffects ?? []);
    parts.push('<h2>Chaos windows</h2>', `<p class="hint">${escapeHtml(CHAOS_NOTE)}</p>`, htmlTable(t.columns, t.rows.map((cells) => ({ cells })), 'left'));
  }
  if (m.monitor) {
    const t = monitorTable(m.monitor);
    const failed = m.monitor.sources.filter((x) => x.failures > 0).map((x) => `${x.failures} of ${x.scrapes} scrapes of ${x.source} failed${x.lastError ? ` (last: ${x.lastError})` : ''}`);
    parts.push(
      `<details><summary>Server metrics (monitor): ${m.monitor.series.length} series${t.rows.length < m.monitor.series.length ? ` (the first ${t.rows.length} listed)` : ''}, scraped every ${m.monitor.everyMs} ms</summary>` +
        failed.map((f) => `<p class="hint">${escapeHtml(f)}</p>`).join('') +
        `${htmlTable(t.columns, t.rows.map((cells) => ({ cells })))}</details>`,
    );
  }
  if (m.shardSet) parts.push(`<h2>${SHARD_HEALTH_HEADING}</h2>`, htmlTable(SHARD_HEALTH_COLUMNS, m.shardSet.health.map((h) => ({ cells: shardHealthCells(h) }))));
  const codes = Object.entries(m.summary.total.statusCodes).map(([k, v]) => `${k}: ${formatCount(v)}`).join(', ');
  const kv = [...runDetailRows(m), ['status codes', codes || '–']];
  parts.push(`<details><summary>Run details</summary>${htmlTable(['', ''], kv.map((cells) => ({ cells })), 'kv')}</details>`);
  return parts.join('\n');
}

/**
 * A self-contained page: uPlot and its CSS inlined, `data` as JSON in `#capplan-data`, then uPlot
 * and `clientJs`, with a Content-Security-Policy that allows exactly those two scripts by hash.
 */
export function htmlPage(page: { title: string; body: string; data: unknown; clientJs: string; footer: string; generator?: string }): string {
  const { js: uplotJs, css: uplotCss } = uplotAssetsText();
  const scripts = [inlineScript(uplotJs), inlineScript(page.clientJs)];
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.generator ? `<meta name="generator" content="capplan ${escapeHtml(page.generator)}">\n` : ''}<title>${escapeHtml(page.title)}</title>
<style>${uplotCss}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${page.body}
<footer>${escapeHtml(page.footer)}</footer>
</main>
<script type="application/json" id="capplan-data">${jsonForScript(page.data)}</script>
<script>${scripts[0]}</script>
<script>${scripts[1]}</script>
</body>
</html>
`;
}

/**
 * The model as the page embeds it: the monitored series only as the charted columns (the raw
 * `monitor.series`, up to 500 × 2 048 points, and the other columns stay out of the page).
 */
export function pageData(m: ReportModel): ReportModel {
  if (!m.monitor) return m;
  return { ...m, monitor: { ...m.monitor, series: [] }, monitorColumns: (m.monitorColumns ?? []).filter((c) => c.chart) };
}

/** Render the report model as one self-contained HTML page. */
export function renderHtml(m: ReportModel): string {
  return htmlPage({
    title: `${m.verdict.symbol} ${m.title} · capplan report`,
    generator: m.environment.capplanVersion,
    body: `${header(m)}\n${kpis(m)}\n${charts(m)}\n${tables(m)}`,
    data: pageData(m),
    clientJs: REPORT_CLIENT_JS,
    footer: `capplan report (${m.schema}) · ${REPORT_FOOTNOTE}`,
  });
}
