/**
 * Turn a metrics CSV (already read by src/input/csv-table.ts) into forecast inputs:
 * the timestamp column (ISO dates/date-times or epoch seconds) and the metric columns,
 * with every bad cell collected as `row N, column "x": …` (exit 2). No I/O here.
 */
import { InputError, ValidationError, type ValidationIssue } from '../errors.js';
import { numericColumn, pickColumn, type CsvTable } from '../input/csv-table.js';
import { MIN_POINTS } from './forecast.js';

/** A metric and the limit it must stay below. */
export interface MetricLimit {
  metric: string;
  threshold: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parse one timestamp to epoch seconds: `2024-01-31`, `2024-01-31T10:00`, `2024-01-31 10:00:00Z`,
 * `2024-01-31T10:00:00+02:00` (no zone = UTC) or epoch seconds (`1704067200`). Undefined if invalid.
 */
export function parseTimestampSec(raw: string): number | undefined {
  const s = raw.trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    const v = Number(s);
    return v < 1e11 ? v : undefined; // larger values look like epoch milliseconds
  }
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec);
  const back = new Date(ms);
  // Reject dates that roll over (2024-02-30) and out-of-range times.
  if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59 || +sec > 59) {
    return undefined;
  }
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offsetMin = (z[1] === '-' ? -1 : 1) * (+z[2] * 60 + +z[3]);
  }
  return ms / 1000 + (frac ? Number(frac) : 0) - offsetMin * 60;
}

/** The timestamp column as epoch seconds; bad or non-increasing cells are collected with their rows. */
export function timestampColumn(table: CsvTable, column: string): number[] {
  const issues: ValidationIssue[] = [];
  const out = table.rows.map((row, i) => {
    const raw = row[column] ?? '';
    const v = parseTimestampSec(raw);
    const where = { path: `row ${i + 2}, column "${column}"`, line: i + 2 };
    if (v === undefined) {
      const ms = /^\d{12,}$/.test(raw.trim()) ? ' (this looks like epoch milliseconds; divide by 1000)' : '';
      issues.push({ ...where, message: `expected an ISO date (2024-01-31, 2024-01-31T10:00:00Z) or epoch seconds, got ${JSON.stringify(raw)}${ms}` });
      return NaN;
    }
    return v;
  });
  for (let i = 1; i < out.length; i++) {
    if (Number.isFinite(out[i]) && Number.isFinite(out[i - 1]) && out[i] <= out[i - 1]) {
      issues.push({ path: `row ${i + 2}, column "${column}"`, line: i + 2, message: `timestamps must increase; ${JSON.stringify(table.rows[i][column])} is not after the row above` });
    }
  }
  if (issues.length) throw new ValidationError(table.file, issues);
  return out;
}

/** The series to forecast: times, and for each metric its values and optional limit. */
export interface MetricsSeries {
  timeColumn: string;
  timesSec: number[];
  metrics: Array<{ metric: string; values: number[]; threshold?: number }>;
}

/**
 * Pick the time column (`--time`, else timestamp/date/time) and the metrics: those named by
 * limits, in order, or every other column when no limit is given. Values must be numbers ≥ 0.
 */
export function metricsFromTable(
  table: CsvTable,
  timeFlag: string | undefined,
  limits: ReadonlyArray<{ metric: string; threshold?: number }>,
  /** How the caller names the metric and time choices in messages (the CLI: its flags; a file: its field paths). */
  { flag = 'metric', timeOption = 'time column' }: { flag?: string; timeOption?: string } = {},
): MetricsSeries {
  const timeColumn = pickColumn(table, timeFlag, ['timestamp', 'date', 'time'], timeOption);
  const issues: ValidationIssue[] = [];
  const names = limits.length ? limits.map((l) => l.metric) : table.columns.filter((c) => c !== timeColumn);
  for (const name of names) {
    if (!table.columns.includes(name)) {
      throw new InputError(`no column "${name}" (${flag}); the columns are: ${table.columns.join(', ')}`, table.file);
    }
  }
  if (names.length === 0) throw new InputError(`no metric columns besides "${timeColumn}"`, table.file);
  if (table.rows.length < MIN_POINTS) {
    throw new InputError(`too few points: a forecast needs at least ${MIN_POINTS} data rows, got ${table.rows.length}`, table.file);
  }
  let timesSec: number[] = [];
  try {
    timesSec = timestampColumn(table, timeColumn);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    issues.push(...err.issues);
  }
  const columns = new Map<string, number[]>();
  for (const name of new Set(names)) {
    try {
      columns.set(name, numericColumn(table, name, { min: 0 }));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      issues.push(...err.issues);
    }
  }
  const wanted: Array<{ metric: string; threshold?: number }> = limits.length ? [...limits] : names.map((metric) => ({ metric }));
  const metrics = wanted.map((w) => ({ ...w, values: columns.get(w.metric) ?? [] }));
  if (issues.length) throw new ValidationError(table.file, issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return { timeColumn, timesSec, metrics };
}
