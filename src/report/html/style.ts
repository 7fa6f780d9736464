/** Stylesheet of the HTML report: light theme, system fonts, laptop-first two-column chart grid. */
export const REPORT_CSS = `
:root {
  --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
  --ok: #15803d; --ok-bg: #f0fdf4; --warn: #b45309; --warn-bg: #fffbeb; --bad: #b91c1c; --bad-bg: #fef2f2;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0; font-weight: 650; letter-spacing: -0.01em; overflow-wrap: anywhere; }
h2 { font-size: 15px; margin: 28px 0 10px; font-weight: 650; color: #1e293b; }
.num { font-variant-numeric: tabular-nums; }
header.verdict { border: 1px solid var(--line); border-left: 6px solid var(--ok); background: var(--card); border-radius: 10px; padding: 16px 20px; }
header.verdict.warn { border-left-color: #f59e0b; }
header.verdict.fail { border-left-color: #dc2626; }
.title-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.badge::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: currentColor; margin-right: 6px; vertical-align: 1px; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; letter-spacing: .04em; padding: 3px 10px; border-radius: 999px; background: var(--ok-bg); color: var(--ok); }
.warn .badge { background: var(--warn-bg); color: var(--warn); }
.fail .badge { background: var(--bad-bg); color: var(--bad); }
.headline { font-size: 16px; margin: 8px 0 4px; }
.meta { color: var(--muted); margin: 0; font-size: 13px; overflow-wrap: anywhere; }
.reasons { margin: 10px 0 0; padding-left: 20px; }
.reasons li { margin: 2px 0; }
.warnings { margin: 14px 0 0; padding: 10px 14px; background: var(--warn-bg); border: 1px solid #fde68a; border-radius: 8px; color: #78350f; }
.warnings p { margin: 2px 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-top: 16px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
.kpi .value { font-size: 22px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .value small { font-size: 13px; font-weight: 500; color: var(--muted); margin-left: 3px; }
.kpi .sub { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.kpi.warn { border-color: #fcd34d; background: var(--warn-bg); }
.kpi.bad { border-color: #fca5a5; background: var(--bad-bg); }
.toolbar { display: flex; align-items: center; gap: 10px; margin: 24px 0 0; }
.toolbar h2 { margin: 0; flex: 1; }
.toolbar label { color: var(--muted); font-size: 13px; }
select { font: inherit; padding: 4px 8px; border: 1px solid #cbd5e1; border-radius: 6px; background: #fff; max-width: 360px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; margin-top: 12px; }
figure.chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 12px 6px; min-width: 0; }
figure.chart figcaption { font-weight: 600; font-size: 14px; margin: 0 4px 2px; }
figure.chart .hint { font-weight: 400; color: var(--muted); font-size: 12px; margin: 0 4px 6px; }
.plot { width: 100%; min-height: 280px; }
.uplot { font-family: inherit; }
.u-legend { font-size: 12px; }
.u-legend .u-marker { width: 12px; height: 3px; border-radius: 2px; }
.u-legend th { font-weight: 500; }
.u-legend .u-series > * { padding: 2px 4px; }
.u-legend .u-value { font-variant-numeric: tabular-nums; min-width: 52px; display: inline-block; }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.table-wrap table { border-collapse: collapse; width: 100%; font-size: 13px; }
.table-wrap th, .table-wrap td { padding: 7px 10px; text-align: right; white-space: nowrap; border-bottom: 1px solid var(--line); font-variant-numeric: tabular-nums; }
.table-wrap th { background: #f1f5f9; font-weight: 600; color: #334155; position: sticky; top: 0; }
.table-wrap td:first-child, .table-wrap th:first-child { text-align: left; white-space: normal; word-break: break-word; min-width: 140px; max-width: 420px; }
table.left td, table.left th { text-align: left; }
table.left td:first-child, table.left th:first-child { min-width: 0; width: 130px; }
.table-wrap tr:last-child td { border-bottom: none; }
.table-wrap tr.total td { font-weight: 650; background: #f8fafc; }
.table-wrap td.bad { color: var(--bad); font-weight: 600; }
.table-wrap td.warn { color: var(--warn); font-weight: 600; }
.table-wrap td.pass { color: var(--ok); }
table.kv td { text-align: left; white-space: normal; overflow-wrap: anywhere; }
table.kv td:first-child { color: var(--muted); width: 220px; }
details { margin-top: 28px; }
details summary { cursor: pointer; font-weight: 650; font-size: 15px; color: #1e293b; }
details .table-wrap { margin-top: 10px; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@media (max-width: 720px) { .charts { grid-template-columns: 1fr; } main { padding: 12px; } }
@media print { .toolbar select { display: none; } figure.chart, .table-wrap { break-inside: avoid; } }
`;
