/**
 * CSV report (csv-stringify via csvTable, every string cell guarded against formula injection):
 * the per-second time series, one row per second per endpoint plus a `total` row per second;
 * or with `summary`, one row per endpoint plus the total.
 */
import { ERROR_KINDS } from '../results/types.js';
import { csvTable, type Cell } from '../render/document.js';
import type { EndpointSeries, ReportModel } from './model.js';
import { errorCount } from '../results/failures.js';

/** Columns of the per-second series. Rates are per second (counts within one 1-second interval). */
export const SERIES_COLUMNS = [
  't', 'epoch_sec', 'endpoint', 'target_rate', 'achieved_rate', 'sent',
  'p50_ms', 'p90_ms', 'p99_ms', 'p999_ms', 'max_ms', 'errors', 'backpressure', 'dropped', 'late',
];

/** Columns of the summary (one row per endpoint, then `total`). */
export const SUMMARY_COLUMNS = [
  'endpoint', 'requests', 'scheduled', 'sent', 'duration_sec', 'target_rate', 'achieved_rate',
  'min_ms', 'mean_ms', 'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'p999_ms', 'max_ms', 'service_p99_ms',
  'error_rate', 'errors', ...ERROR_KINDS.map((k) => `errors_${k}`), 'backpressure', 'retry_after', 'dropped', 'late', 'bytes_in', 'bytes_out',
];

function seriesRow(m: ReportModel, s: EndpointSeries, i: number): Cell[] {
  return [
    m.series.t[i], m.series.epochSec[i], s.name, s.target[i], s.achieved[i], s.sent[i],
    s.p50[i], s.p90[i], s.p99[i], s.p999[i], s.max[i], s.errors[i], s.backpressure[i], s.dropped[i], s.late[i],
  ];
}

/** The per-second series as CSV: for each second, every endpoint then `total`. */
export function renderSeriesCsv(m: ReportModel): string {
  const rows: Cell[][] = [];
  for (let i = 0; i < m.series.t.length; i++) {
    for (const s of m.series.endpoints) rows.push(seriesRow(m, s, i));
    rows.push(seriesRow(m, m.series.total, i));
  }
  return csvTable({ columns: SERIES_COLUMNS, rows });
}

/** `x` rounded to `decimals` places (round half away from zero on the scaled value); null/NaN pass through as empty. */
export function roundTo(x: number | null | undefined, decimals: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
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
