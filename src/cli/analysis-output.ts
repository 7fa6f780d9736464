/** Output of the analysis commands (queue, saturation, slo, forecast, cost): formula lines, CSV and `--format`. */
import { formatDurationMs } from '../util/duration.js';
import { formatNumber } from '../render/format.js';
import { csvTable, renderDoc, type Cell, type Doc, type DocFormat, type DocTable } from '../render/document.js';
import { emit } from '../render/output.js';

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
  const format = formatRaw as DocFormat; // checked as argv is read (CapplanCommand.formatOption)
  await emit(renderDoc(format === 'csv' ? combinedCsvDoc(doc) : doc, format), out);
}

/**
 * Render a document; for `csv`, the given machine-readable table (built from the typed
 * result: raw numbers, snake_case headers) instead of the human table.
 */
export function renderWithCsv(doc: Doc, format: DocFormat, csv: DocTable): string {
  return format === 'csv' ? csvTable(csv) : renderDoc(doc, format);
}
