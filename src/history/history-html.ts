/**
 * The history as one self-contained HTML page: a trend chart per metric (uPlot, inlined) with the
 * segment levels drawn as a step line and every change point marked by a vertical line, then the
 * change-point and trend tables. Same approach as the run report: no network, the data as JSON in
 * a `<script type="application/json">`, a Content-Security-Policy allowing only the inline scripts
 * by hash.
 */
import { escapeHtml } from '../render/escape.js';
import type { Doc } from '../render/document.js';
import { htmlPage, htmlTable } from '../report/html.js';
import type { Trend } from './trend.js';

/** Client script: draws one chart per metric from the embedded trend. */
export const HISTORY_CLIENT_JS = `(() => {
  const t = JSON.parse(document.getElementById('capplan-data').textContent);
  const n = t.points.length;
  const xs = t.points.map((_, i) => i + 1);
  const unitLabel = { ms: 'ms', 'per-sec': 'req/s', fraction: '%' };
  const scale = (m, v) => (v === null || !isFinite(v) ? null : m.unit === 'fraction' ? v * 100 : v);
  for (const m of t.metrics) {
    const el = document.getElementById('chart-' + m.metric);
    if (!el) continue;
    const values = m.values.map((v) => scale(m, v));
    // Segment levels: the typical value of each segment between change points, as a step line.
    const level = new Array(n).fill(null);
    const cuts = [0, ...m.changes.map((c) => c.index), n];
    for (let s = 0; s + 1 < cuts.length; s++) {
      const seg = values.slice(cuts[s], cuts[s + 1]).filter((v) => v !== null);
      const mean = seg.length ? (m.scale === 'log' ? Math.exp(seg.reduce((a, v) => a + Math.log(v), 0) / seg.length) : seg.reduce((a, v) => a + v, 0) / seg.length) : null;
      for (let i = cuts[s]; i < cuts[s + 1]; i++) level[i] = mean;
    }
    const marks = {
      hooks: {
        draw: [(u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#d9480f';
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
          for (const c of m.changes) {
            const x = Math.round(u.valToPos(c.index + 0.5, 'x', true));
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        }],
      },
    };
    const width = Math.max(320, el.clientWidth || 800);
    new uPlot({
      width,
      height: 240,
      plugins: [marks],
      scales: { x: { time: false } },
      axes: [{ label: t.by || 'run' }, { label: m.metric + ' (' + unitLabel[m.unit] + ')' }],
      series: [
        { label: '#', value: (u, v) => (v == null ? '' : t.points[v - 1] ? t.points[v - 1].key : '') },
        { label: m.metric, stroke: '#1c7ed6', width: 2, points: { show: true, size: 6 } },
        { label: 'segment level', stroke: '#868e96', width: 1.5, dash: [4, 4], paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } },
      ],
    }, [xs, values, level], el);
  }
})();
`;

/** Render the history page: headline, warnings, one chart per metric, then the document's tables. */
export function renderHistoryHtml(t: Trend, doc: Doc): string {
  const warnings = doc.warnings?.length ? `<div class="warnings">${doc.warnings.map((w) => `<p>⚠️ ${escapeHtml(w)}</p>`).join('')}</div>` : '';
  const level = t.metrics.some((m) => m.changes.length) ? 'warn' : 'pass';
  const header = `<header class="verdict ${level}">
<div class="title-row"><span class="badge">${level === 'warn' ? 'CHANGE' : 'STABLE'}</span><h1>${escapeHtml(doc.title)}</h1></div>
<p class="headline num">${escapeHtml(doc.headline ?? '')}</p>
${warnings}
</header>`;
  const charts = `<h2>Trend</h2><p class="hint">One point per ${escapeHtml(t.by ?? 'run')}; dashed orange lines mark change points (the new level starts at the point right of the line); the dashed grey step is each segment's level.</p>
<section class="charts">
${t.metrics.map((m) => `<figure class="chart"><figcaption>${escapeHtml(m.metric)}</figcaption><div class="plot" id="chart-${escapeHtml(m.metric)}"></div></figure>`).join('\n')}
</section>`;
  const sections = doc.sections
    .map((s) => [s.heading ? `<h2>${escapeHtml(s.heading)}</h2>` : '', ...(s.notes ?? []).map((n) => `<p class="hint">${escapeHtml(n)}</p>`), s.table ? htmlTable(s.table.columns, s.table.rows.map((cells) => ({ cells }))) : ''].join('\n'))
    .join('\n');
  return htmlPage({ title: doc.title, body: `${header}\n${charts}\n${sections}`, data: t, clientJs: HISTORY_CLIENT_JS, footer: 'capplan history · change points by E-divisive means with a permutation test' });
}
