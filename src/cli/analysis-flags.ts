/**
 * Flag parsing and output for the analysis commands (queue, saturation, slo):
 * every bad value becomes a UsageError naming the flag and what was expected (exit 2).
 */
import { UsageError } from '../errors.js';
import { parseDurationMs, formatDurationMs } from '../util/duration.js';
import { parseFraction, parseMultiplier, parseNumber } from '../util/quantity.js';
import { formatNumber } from '../render/format.js';
import { csvTable, parseDocFormat, renderDoc, type Cell, type Doc, type DocFormat, type DocTable } from '../render/document.js';
import { emit } from '../render/output.js';

/** Bounds for a numeric flag. */
export interface NumberBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
  integer?: boolean;
}

function checkBounds(flag: string, raw: string, v: number, b: NumberBounds, what: string): number {
  const fail = (expect: string) => {
    throw new UsageError(`${flag}: expected ${what} ${expect} (got "${raw}")`);
  };
  if (b.integer && !Number.isInteger(v)) fail('that is a whole number');
  if (b.min !== undefined && v < b.min) fail(`>= ${b.min}`);
  if (b.above !== undefined && v <= b.above) fail(`> ${b.above}`);
  if (b.max !== undefined && v > b.max) fail(`<= ${b.max}`);
  if (b.below !== undefined && v >= b.below) fail(`< ${b.below}`);
  return v;
}

/** A number such as `1000`, `2.5`, `1k`, `2.5M`. */
export function numberFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseNumber(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a number such as 1000, 2.5 or 1k (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a number');
}

/** A duration such as `10ms`, `5s`, `1h30m`, `30d`; returns seconds. */
export function durationFlagSec(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const ms = parseDurationMs(raw);
  if (ms === undefined) throw new UsageError(`${flag}: expected a duration such as 250ms, 5s, 1h30m or 30d (got "${raw}")`);
  return checkBounds(flag, raw, ms / 1000, bounds, 'a duration (in seconds)');
}

/** A fraction written `10%` or `0.1`; returns the fraction (0.1). */
export function fractionFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseFraction(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a percentage such as 99.9% or a fraction such as 0.999 (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a fraction');
}

/** A multiplier written `3x` or `3`. */
export function multiplierFlag(flag: string, raw: string, bounds: NumberBounds = {}): number {
  const v = parseMultiplier(raw);
  if (v === undefined) throw new UsageError(`${flag}: expected a multiplier such as 2x or 3 (got "${raw}")`);
  return checkBounds(flag, raw, v, bounds, 'a multiplier');
}

/** Format a number for a formula line (∞ for Infinity). */
export const num = (x: number, digits = 4): string => formatNumber(x, digits);

/** Format seconds for a formula line: `10ms`, `5s`, `1h23m`, `∞`. */
export function secs(sec: number): string {
  return Number.isFinite(sec) ? formatDurationMs(sec * 1000) : '∞';
}

/** Format a fraction as a percentage: 0.001 → `0.1%`. */
export function pct(fraction: number, digits = 4): string {
  return Number.isFinite(fraction) ? `${Number((fraction * 100).toPrecision(digits))}%` : '∞';
}

/**
 * For `--format csv`: the tables of every section that share the first table's columns,
 * concatenated under a leading `section` column, so one CSV carries the whole answer.
 */
export function combinedCsvDoc(doc: Doc): Doc {
  const tables = doc.sections.flatMap((s) => (s.table ? [{ heading: s.heading ?? '', table: s.table }] : []));
  const first = tables[0]?.table;
  if (!first) return doc;
  const same = tables.filter((t) => t.table.columns.join('\u0000') === first.columns.join('\u0000'));
  const combined: DocTable = {
    columns: ['section', ...first.columns.map(csvHeader)],
    rows: same.flatMap((t) => t.table.rows.map((r): Cell[] => [t.heading, ...r])),
  };
  return { ...doc, sections: [{ table: combined }], csvTableIndex: 0 };
}

/** A human column title as a CSV header: snake_case, `95% low` → `ci_low`, `std error` → `std_error`. */
export function csvHeader(title: string): string {
  return title
    .toLowerCase()
    .replace(/^\d+(?:\.\d+)?%\s+/, 'ci_')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Render a document in `--format` and write it to stdout or `--out`. CSV writes {@link combinedCsvDoc}. */
export async function emitAnalysisDoc(doc: Doc, formatRaw: string, out?: string): Promise<void> {
  const format = parseDocFormat(formatRaw);
  await emit(renderDoc(format === 'csv' ? combinedCsvDoc(doc) : doc, format), out);
}

/**
 * Render a document; for `csv`, the given machine-readable table (built from the typed
 * result: raw numbers, snake_case headers) instead of the human table.
 */
export function renderWithCsv(doc: Doc, format: DocFormat, csv: DocTable): string {
  return format === 'csv' ? csvTable(csv) : renderDoc(doc, format);
}
