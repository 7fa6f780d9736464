/**
 * `capplan autoscale --format html`: one self-contained page with two inline SVG charts (replicas,
 * ready replicas and the demand in replicas needed at the target, against time; the backlog), the
 * headline, warnings and verdicts. No script at all; a Content-Security-Policy forbids everything but
 * the inline style. Every text is escaped.
 */
import { escapeHtml } from '../../render/escape.js';
import type { Doc } from '../../render/document.js';
import type { AutoscaleResult } from './types.js';
import type { AutoscaleComparison } from './compare.js';

/** One series of a chart: points (x seconds, y value), drawn as steps (held until the next x) or a line. */
export interface ChartSeries {
  name: string;
  color: string;
  points: Array<[number, number]>;
  step?: boolean;
  dashed?: boolean;
}

const W = 860;
const H = 280;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

/** A "nice" upper bound for an axis: 1, 2 or 5 × 10ⁿ at or above `x`. */
function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= x)!;
}

/** An SVG line chart of the series over [0, xMax]. */
export function svgChart(title: string, yLabel: string, series: ChartSeries[], xMax: number): string {
  const yMax = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => (Number.isFinite(p[1]) ? p[1] : 0)))));
  const sx = (x: number): number => PAD.left + (x / (xMax || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number): number => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const f = (v: number): string => v.toFixed(1);
  const paths = series.map((s) => {
    const pts: string[] = [];
    s.points.forEach(([x, y], i) => {
      if (s.step && i > 0) pts.push(`${f(sx(x))},${f(sy(s.points[i - 1][1]))}`);
      pts.push(`${f(sx(x))},${f(sy(y))}`);
    });
    if (s.step && s.points.length) pts.push(`${f(sx(xMax))},${f(sy(s.points[s.points.length - 1][1]))}`);
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"><title>${escapeHtml(s.name)}</title></polyline>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks.map((q) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(q * yMax))}" y2="${f(sy(q * yMax))}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${f(sy(q * yMax) + 4)}" text-anchor="end">${escapeHtml(String(Number((q * yMax).toPrecision(3))))}</text>`);
  const xt = ticks.map((q) => `<text x="${f(sx(q * xMax))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(String(Math.round(q * xMax)))} s</text>`);
  const legend = series.map((s) => `<span class="key"><span style="background:${s.color}"></span>${escapeHtml(s.name)}</span>`).join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}"><text x="12" y="${PAD.top + 4}">${escapeHtml(yLabel)}</text>${grid.join('')}${xt.join('')}${paths.join('')}</svg><div>${legend}</div></figure>`;
}

/** The chart series of a simulation: replicas, ready replicas, demand ÷ (target × capacity); backlog. */
export function autoscaleSeries(r: AutoscaleResult): { replicas: ChartSeries[]; backlog: ChartSeries[] } {
  const per = r.policy.targetUtilisation * r.capacityPerReplicaPerSec;
  return {
    replicas: [
      { name: 'demand ÷ (target × capacity): replicas needed', color: '#d62728', points: r.ticks.map((t) => [t.tSec, t.demand / per]), step: true },
      { name: 'replicas', color: '#1f77b4', points: r.ticks.map((t) => [t.tSec, t.replicas]), step: true },
      { name: 'ready replicas', color: '#2ca02c', points: r.ticks.map((t) => [t.tSec, t.readyReplicas]), step: true, dashed: true },
    ],
    backlog: [{ name: 'backlog at the end of each tick', color: '#9467bd', points: [[0, 0], ...r.ticks.map((t): [number, number] => [Math.min(t.tSec + r.tickSec, r.durationSec), t.backlog])] }],
  };
}

/** The page: headline, warnings, charts, then every section of the document as a table. */
export function autoscaleHtml(doc: Doc, r: AutoscaleResult): string {
  const s = autoscaleSeries(r);
  return page(doc, svgChart('Replicas against demand', 'replicas', s.replicas, r.durationSec) + '\n' + svgChart('Backlog', 'requests', s.backlog, r.durationSec));
}

/** A self-contained page: title, headline, warnings, the charts, then every section. */
function page(doc: Doc, charts: string): string {
  const sections = doc.sections
    .map((sec) => {
      const notes = (sec.notes ?? []).map((n) => `<li>${escapeHtml(n)}</li>`).join('');
      const table = sec.table
        ? `<table><thead><tr>${sec.table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${sec.table.rows
            .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c ?? '')}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : '';
      return `<section><h2>${escapeHtml(sec.heading ?? '')}</h2>${notes ? `<ul>${notes}</ul>` : ''}${table}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:900px}svg{width:100%;height:auto;font-size:11px}figure{margin:16px 0}figcaption{font-weight:600}.key{margin-right:16px}.key span{display:inline-block;width:14px;height:3px;margin-right:6px;vertical-align:middle}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}.warn{color:#a15c00}</style>
</head><body>
<h1>${escapeHtml(doc.title)}</h1>
<p><strong>${escapeHtml(doc.headline ?? '')}</strong></p>
${(doc.warnings ?? []).map((w) => `<p class="warn">warning: ${escapeHtml(w)}</p>`).join('\n')}
${charts}
${sections}
</body></html>
`;
}

/** The `--compare` page: measured workers, simulated replicas and the workers the offered rate needs. */
export function compareHtml(doc: Doc, c: AutoscaleComparison): string {
  const per = c.simulation.policy.targetUtilisation * c.simulation.capacityPerReplicaPerSec;
  const end = c.rows.length ? c.rows[c.rows.length - 1].tSec + c.simulation.tickSec : 0;
  const start = c.rows[0]?.tSec ?? 0;
  const series: ChartSeries[] = [
    { name: 'offered ÷ (target × capacity): workers needed', color: '#d62728', points: c.rows.map((r) => [r.tSec - start, r.demand / per]), step: true },
    { name: 'measured workers', color: '#1f77b4', points: c.rows.map((r) => [r.tSec - start, r.measured]), step: true },
    { name: 'simulated', color: '#ff7f0e', points: c.rows.map((r) => [r.tSec - start, r.simulated]), step: true, dashed: true },
  ];
  return page(doc, svgChart('Measured against simulated', 'workers', series, end - start));
}
