import { parse } from 'csv-parse/sync';
import { readInputText } from './read-text.js';
import { InputError, ValidationError, type ValidationIssue } from '../errors.js';

/** A CSV file read with a header row: column names and rows of raw strings. */
export interface CsvTable {
  file: string;
  columns: string[];
  /** Data rows; `rows[i]` is file line i + 2 (after the header). */
  rows: Array<Record<string, string>>;
}

/** Read a CSV file with a header row (`-` reads stdin). Missing files and malformed CSV are InputErrors (exit 2). */
export async function readCsvTable(path: string): Promise<CsvTable> {
  return parseCsvTable(await readInputText(path, 'a CSV file with a header row'), path);
}

/** Parse CSV text with a header row (see {@link readCsvTable}). */
export function parseCsvTable(text: string, file: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, comment: '#', relax_column_count: false }) as string[][];
  } catch (err) {
    throw new InputError(`malformed CSV: ${(err as Error).message}`, file);
  }
  if (records.length === 0) throw new InputError('empty CSV; expected a header row and data rows', file);
  const columns = records[0];
  const rows = records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])));
  return { file, columns, rows };
}

/** Pick a column name: the requested one (must exist), else the first candidate present, else an error listing the columns. */
export function pickColumn(table: CsvTable, requested: string | undefined, candidates: string[], flag: string): string {
  if (requested !== undefined) {
    if (!table.columns.includes(requested)) {
      throw new InputError(`no column "${requested}" (${flag}); the columns are: ${table.columns.join(', ')}`, table.file);
    }
    return requested;
  }
  const found = candidates.find((c) => table.columns.some((col) => col.toLowerCase() === c.toLowerCase()));
  if (!found) {
    throw new InputError(`no ${candidates[0]} column; name one with ${flag} (the columns are: ${table.columns.join(', ')})`, table.file);
  }
  return table.columns.find((col) => col.toLowerCase() === found.toLowerCase())!;
}

/**
 * Read a numeric column. Every non-numeric or empty cell is collected as an issue
 * (`row 7, column "throughput": expected a number, got "n/a"`) and thrown together.
 */
export function numericColumn(table: CsvTable, column: string, opts: { min?: number } = {}): number[] {
  const issues: ValidationIssue[] = [];
  const values = table.rows.map((row, i) => {
    const raw = row[column];
    const v = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) {
      issues.push({ path: `row ${i + 2}, column "${column}"`, message: `expected a number, got ${JSON.stringify(raw)}`, line: i + 2 });
    } else if (opts.min !== undefined && v < opts.min) {
      issues.push({ path: `row ${i + 2}, column "${column}"`, message: `must be >= ${opts.min}, got ${v}`, line: i + 2 });
    }
    return v;
  });
  if (issues.length) throw new ValidationError(table.file, issues);
  return values;
}
