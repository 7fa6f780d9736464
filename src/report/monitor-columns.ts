/**
 * The monitored server series on the report's time axis: one column per stored series, aligned to
 * the load's seconds (or buckets), for the CSV columns and the HTML charts. Pure.
 *
 * Alignment: a stored point (bucket start t, mean, n samples) goes to row b = ⌊t / bucketSec⌋ of the
 * report series; a row's value is the sample-weighted mean of its points, Σ(mean·n) / Σn, and
 * `null` when no sample fell in it (a series scraped every 5 s has a value every fifth second).
 */
import type { MonitorRecordJson } from '../monitor/record-schema.js';
import { seriesKey } from '../monitor/parse.js';
import type { ReportSeries } from './types.js';

/** The unit of a metric, from its name's Prometheus suffix. */
export type MonitorUnit = 'bytes' | 'seconds' | 'ratio' | 'count';

/** One monitored series aligned to the report series' `t`. */
export interface MonitorColumn {
  /** `monitor:<name>{labels}@<source>`: the CSV column head. */
  key: string;
  /** `<name>{labels}`. */
  series: string;
  source: string;
  unit: MonitorUnit;
  /** Shown on the HTML charts (see {@link chartedSeries}). */
  chart: boolean;
  /** One value per report row (same length as `ReportSeries.t`); null when no sample fell in that row. */
  values: Array<number | null>;
}

/** Columns at most (the monitor keeps at most 500 series; a hand-edited file could hold more). */
export const MAX_MONITOR_COLUMNS = 500;

/** Series charted in the HTML report at most. */
export const MAX_CHART_SERIES = 8;

/**
 * Well-known server series, charted first when present (in this order): heap and RSS, event-loop
 * lag, and the built-in target's workers, busy workers, queue length and utilisation.
 */
export const CHART_FIRST = [
  'nodejs_heap_size_used_bytes',
  'process_resident_memory_bytes',
  'go_memstats_heap_inuse_bytes',
  'jvm_memory_used_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_eventloop_lag_seconds',
  'capplan_target_workers',
  'capplan_target_busy_workers',
  'capplan_target_queue_length',
  'capplan_target_utilisation',
];

/** The charting rule, stated under the charts and in docs/report.md. */
export const CHART_RULE =
  `at most ${MAX_CHART_SERIES} series, one chart per unit: the well-known ones present (heap, RSS, event-loop lag, the built-in target's workers, busy workers, queue and utilisation), ` +
  'or, when none is present, the first gauges in the file (counters ending in _total, _count, _sum, _bucket or _created are not charted); every series is in the CSV and the Markdown table';

/** Counters and histogram parts: cumulative, not charted as levels. */
const COUNTER = /_(total|count|sum|bucket|created)$/;

/** `_bytes` → bytes, `_seconds` → seconds, `_ratio`/utilisation → ratio, otherwise count. */
export function monitorUnit(name: string): MonitorUnit {
  if (/_bytes$/.test(name)) return 'bytes';
  if (/_seconds$/.test(name)) return 'seconds';
  if (/(_ratio|utili[sz]ation)$/.test(name)) return 'ratio';
  return 'count';
}

/** Indexes of the series to chart, by {@link CHART_RULE}. */
export function chartedSeries(series: ReadonlyArray<{ name: string }>): Set<number> {
  const known: number[] = [];
  for (const name of CHART_FIRST) series.forEach((s, i) => s.name === name && known.push(i));
  const pick = known.length ? known : series.flatMap((s, i) => (COUNTER.test(s.name) ? [] : [i]));
  return new Set(pick.slice(0, MAX_CHART_SERIES));
}

/** The monitored series as columns aligned to `series.t` (at most {@link MAX_MONITOR_COLUMNS}). */
export function monitorColumns(monitor: MonitorRecordJson, series: ReportSeries): MonitorColumn[] {
  const bucketSec = series.downsampled?.bucketSec ?? 1;
  const rows = series.t.length;
  const stored = monitor.series.slice(0, MAX_MONITOR_COLUMNS);
  const charted = chartedSeries(stored);
  return stored.map((s, i) => {
    const sum = new Array<number>(rows).fill(0);
    const n = new Array<number>(rows).fill(0);
    for (let j = 0; j < s.t.length; j++) {
      const b = Math.floor(s.t[j] / bucketSec);
      if (b < 0 || b >= rows) continue;
      const w = s.n[j] > 0 ? s.n[j] : 1;
      sum[b] += s.mean[j] * w; // Σ(mean·n)
      n[b] += w;
    }
    const key = seriesKey(s.name, s.labels);
    return {
      key: `monitor:${key}@${s.source}`,
      series: key,
      source: s.source,
      unit: monitorUnit(s.name),
      chart: charted.has(i),
      values: sum.map((v, b) => (n[b] > 0 ? v / n[b] : null)),
    };
  });
}
