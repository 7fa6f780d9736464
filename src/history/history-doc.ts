import type { Cell, Doc, DocTable } from '../render/document.js';
import { formatAbsolute, formatP, formatRelative, formatValue } from '../gate/format.js';
import type { MetricTrend, Trend, TrendChange } from './trend.js';

/** A change as shown: `+35.2%` (latency, rps) or `+1.20 pp` (error_rate). */
export function changeText(c: TrendChange, unit: MetricTrend['unit']): string {
  return c.changeKind === 'relative' ? formatRelative(c.change) : formatAbsolute(c.change, unit);
}

/** One line per change point: `p99 +35.2% at c4 (run 9 of 16; 7.1 ms → 9.6 ms, p=0.005)`. */
export function changeSummary(m: MetricTrend, c: TrendChange, points: number): string {
  return `${m.metric} ${changeText(c, m.unit)} at ${c.at} (point ${c.index + 1} of ${points}; ${formatValue(c.before, m.unit)} → ${formatValue(c.after, m.unit)}, p=${formatP(c.pValue)})`;
}

/**
 * The history as a document: a headline naming every change point, the change points table, the
 * trend table (one row per point, a column per metric, the metrics whose shift starts there),
 * and the method in notes. CSV writes the trend table.
 */
export function historyDoc(t: Trend): Doc {
  const all = t.metrics.flatMap((m) => m.changes.map((c) => ({ m, c })));
  const n = t.points.length;
  const what = `${n} ${t.by ? `${t.by} value${n === 1 ? '' : 's'}` : `run${n === 1 ? '' : 's'}`}`;
  const headline = all.length
    ? `⚠️ ${all.length} change point${all.length === 1 ? '' : 's'} over ${what}: ${all.map(({ m, c }) => changeSummary(m, c, n)).join('; ')}`
    : `✅ no change point in ${t.metrics.map((m) => m.metric).join(', ')} over ${what}`;
  const starts = (i: number) => t.metrics.filter((m) => m.changes.some((c) => c.index === i)).map((m) => m.metric).join(' ');
  const trendRows: Cell[][] = t.points.map((p, i) => [i + 1, p.key, p.startedAt, p.runs.length, ...t.metrics.map((m) => formatValue(m.values[i], m.unit)), starts(i)]);
  const changeRows: Cell[][] = all.map(({ m, c }) => [m.metric, c.at, c.index + 1, formatValue(c.before, m.unit), formatValue(c.after, m.unit), changeText(c, m.unit), formatP(c.pValue)]);
  const s = t.settings;
  const notes = [
    `Scope: ${t.scope}. Points: ${t.by ? `runs grouped by label "${t.by}" (geometric mean of a group's runs), ordered by their first run's start` : 'one per run, ordered by start time'}.`,
    `Change points: E-divisive means (Matteson & James 2014, as Apache Otava and MongoDB use it) on ln(value) when every value is > 0, else on the values. For a split of a segment into X (m points) and Y (n points): q̂ = mn/(m+n) · [2/(mn)·Σ|Xᵢ−Yⱼ| − Σ_{i<k}|Xᵢ−X_k|/C(m,2) − Σ_{j<k}|Yⱼ−Y_k|/C(n,2)]; the split with the largest q̂ is kept when a permutation test (${s.permutations} shuffles within segments, p = (#{q̂_perm ≥ q̂} + 1)/(R + 1)) gives p ≤ ${s.alpha}; repeat on the segments. At least ${s.minSize} points per segment; seed ${s.seed}.`,
    'Before/after: typical value of the segments on either side of the change point (geometric mean; mean for error_rate).',
  ];
  return {
    title: `capplan history: ${what}${t.scope !== 'total' ? ` (${t.scope})` : ''}`,
    headline,
    warnings: t.warnings,
    sections: [
      { heading: 'Change points', notes, table: { columns: ['metric', 'at', 'point', 'before', 'after', 'change', 'p'], rows: changeRows } },
      { heading: 'Trend', table: { columns: ['#', t.by ?? 'run', 'started', 'runs', ...t.metrics.map((m) => m.metric), 'shift starts'], rows: trendRows } },
    ],
    data: t,
    csvTableIndex: 1,
  };
}

/** Raw CSV of the trend: one row per point, values in their base units (ms, req/s, fraction), snake_case headers. */
export function historyCsvTable(t: Trend): DocTable {
  const unitSuffix = { ms: '_ms', 'per-sec': '_per_sec', fraction: '' } as const;
  const columns = ['point', 'key', 'started_at', 'runs', ...t.metrics.map((m) => `${m.metric}${unitSuffix[m.unit]}`), 'change_starts'];
  const rows = t.points.map((p, i) => [
    i + 1,
    p.key,
    p.startedAt,
    p.runs.length,
    ...t.metrics.map((m) => (Number.isFinite(m.values[i]) ? m.values[i] : '')),
    t.metrics.filter((m) => m.changes.some((c) => c.index === i)).map((m) => m.metric).join(' '),
  ]);
  return { columns, rows };
}
