/**
 * CSV report (csv-stringify via csvTable, every string cell guarded against formula injection):
 * the per-second time series, one row per second per endpoint plus a `total` row per second
 * (a row per bucket of `bucket_sec` seconds on runs longer than MAX_SERIES_POINTS seconds, values
 * the mean per second over the bucket), then the chaos window active in that second and one
 * `monitor:<series>@<source>` column per monitored series; or with `summary`, one row per
 * endpoint plus the total.
 */
import { ERROR_KINDS } from '../results/types.js';
import { csvTable, type Cell } from '../render/document.js';
import type { EndpointSeries, ReportModel } from './model.js';
import { errorCount } from '../results/failures.js';
import { chaosCovering } from './watch-sections.js';

/** Columns of the per-second series. Rates are per second (counts within one 1-second interval). */
export const SERIES_COLUMNS = [
  't', 'epoch_sec', 'endpoint', 'target_rate', 'achieved_rate', 'sent',
  'p50_ms', 'p90_ms', 'p99_ms', 'p999_ms', 'max_ms', 'errors', 'backpressure', 'dropped', 'late', 'bucket_sec', 'chaos',
];

/** The series' columns: {@link SERIES_COLUMNS}, then one `monitor:<name>{labels}@<source>` column per monitored series. */
export function seriesColumns(m: ReportModel): string[] {
  return [...SERIES_COLUMNS, ...(m.monitorColumns ?? []).map((c) => c.key)];
}

/** Columns of the summary (one row per endpoint, then `total`). */
export const SUMMARY_COLUMNS = [
  'endpoint', 'requests', 'scheduled', 'sent', 'duration_sec', 'target_rate', 'achieved_rate',
  'min_ms', 'mean_ms', 'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'p999_ms', 'max_ms', 'service_p99_ms',
  'error_rate', 'errors', ...ERROR_KINDS.map((k) => `errors_${k}`), 'backpressure', 'retry_after', 'dropped', 'late', 'bytes_in', 'bytes_out',
];

/** The cells every row of second (or bucket) `i` shares: bucket width, chaos window, monitored values. */
function sharedCells(m: ReportModel, i: number): Cell[] {
  const bucketSec = m.series.downsampled?.bucketSec ?? 1;
  const from = m.series.t[i];
  const chaos = chaosCovering(m.chaos, from, from + bucketSec, false);
  return [bucketSec, chaos === '–' ? '' : chaos, ...(m.monitorColumns ?? []).map((c) => roundSignificant(c.values[i], 12))];
}

function seriesRow(m: ReportModel, s: EndpointSeries, i: number, shared: Cell[]): Cell[] {
  // Whole seconds: counts are exact; buckets: means per second, to 3 decimals like the latencies.
  const r = (v: number) => roundTo(v, CSV_DECIMALS.rate);
  return [
    m.series.t[i], m.series.epochSec[i], s.name, r(s.target[i]), r(s.achieved[i]), r(s.sent[i]),
    s.p50[i], s.p90[i], s.p99[i], s.p999[i], s.max[i], r(s.errors[i]), r(s.backpressure[i]), r(s.dropped[i]), r(s.late[i]),
    ...shared,
  ];
}

/** The per-second series as CSV: for each second (or bucket), every endpoint then `total`. */
export function renderSeriesCsv(m: ReportModel): string {
  const rows: Cell[][] = [];
  for (let i = 0; i < m.series.t.length; i++) {
    const shared = sharedCells(m, i);
    for (const s of m.series.endpoints) rows.push(seriesRow(m, s, i, shared));
    rows.push(seriesRow(m, m.series.total, i, shared));
  }
  return csvTable({ columns: seriesColumns(m), rows });
}

/** `x` rounded to `decimals` places (round half away from zero on the scaled value); null/NaN pass through as empty. */
export function roundTo(x: number | null | undefined, decimals: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** `x` to `digits` significant digits (monitored values span 1e-7 s to 1e10 bytes; 12 digits keep byte counts exact); null/NaN pass through as empty. */
export function roundSignificant(x: number | null | undefined, digits: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Number(x.toPrecision(digits));
}

/** Decimals in the CSVs: ms, rates and seconds to 3 (whole µs, as the series' latencies), fractions to 6 (0.0001%). */
export const CSV_DECIMALS = { ms: 3, rate: 3, sec: 3, fraction: 6 } as const;

/**
 * The whole-run summary as CSV: one row per endpoint, then `total`. error_rate is a fraction.
 * Latencies (ms), rates (/s) and duration_sec are rounded to 3 decimals, error_rate to 6; counts are exact.
 */
export function renderSummaryCsv(m: ReportModel): string {
  const { ms, rate, sec, fraction } = CSV_DECIMALS;
  const d = roundTo(m.run.durationSec, sec);
  const rows = [...m.summary.endpoints, m.summary.total].map((s): Cell[] => [
    s.name, s.count, s.scheduled, s.sent, d, roundTo(s.targetRate, rate), roundTo(s.achievedRate, rate),
    ...[s.latencyMs.min, s.latencyMs.mean, s.latencyMs.p50, s.latencyMs.p90, s.latencyMs.p95, s.latencyMs.p99, s.latencyMs.p999, s.latencyMs.max].map((v) => roundTo(v, ms)),
    roundTo(s.serviceMs.p99, ms), roundTo(s.errorRate, fraction), errorCount(s.errors),
    ...ERROR_KINDS.map((k) => s.errors[k] ?? 0), s.backpressure, s.retryAfter, s.dropped, s.late, s.bytesIn, s.bytesOut,
  ]);
  return csvTable({ columns: SUMMARY_COLUMNS, rows });
}
