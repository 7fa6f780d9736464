import chalk from 'chalk';
import { stringify } from 'csv-stringify/sync';
import { csvSafe, escapeControl, escapeMarkdown, jsonText } from './escape.js';
import { formatNumber } from './format.js';
import { fitTable } from './fit-table.js';
import { terminalWidth, wrapText } from './width.js';

/** A cell value: numbers are formatted by the renderer, strings are printed (escaped) as they are. */
export type Cell = string | number | boolean | null | undefined;

/** A titled table. */
export interface DocTable {
  title?: string;
  columns: string[];
  rows: Cell[][];
  /** Columns (indexes) whose cells are capplan's own glyphs (sparklines): Markdown shows them as code spans. */
  codeColumns?: number[];
  /**
   * Per column, for narrow terminals: 0 (or absent) always shown; columns with larger numbers are
   * dropped first when the console table is wider than the terminal (the others wrap, then stack).
   */
  priority?: number[];
}

/** One section of a document: a heading, explanatory lines (formulas, inputs), an optional table. */
export interface DocSection {
  heading?: string;
  /** Lines shown before the table, e.g. the formula and the numbers used. */
  notes?: string[];
  table?: DocTable;
  /** Lines shown after the table (long verdict explanations that would not fit in a cell). */
  after?: string[];
  /** Markdown folds the section away (`<details>`, the heading as its summary); the console shows it as usual. */
  collapsed?: boolean;
}

/**
 * A renderer-neutral document: what analysis, gate and compare commands produce.
 * Console, Markdown, CSV and JSON each render the same document.
 */
export interface Doc {
  title: string;
  /** One-line verdict/headline shown first (e.g. "✅ all 4 checks passed"). */
  headline?: string;
  sections: DocSection[];
  /** Warnings shown prominently (weak fit, too few points…). */
  warnings?: string[];
  /** Machine-readable answer for `--format json` (the typed result of the pure function). */
  data: unknown;
  /** A closing line in small print (Markdown `<sub>`): how the numbers were measured. */
  footnote?: string;
  /** Which table `--format csv` writes (index into the sections that have tables); default 0. */
  csvTableIndex?: number;
}

/** Output formats every document supports. */
export const DOC_FORMATS = ['console', 'md', 'csv', 'json'] as const;
export type DocFormat = (typeof DOC_FORMATS)[number];


function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return formatNumber(c);
  return String(c);
}

/**
 * Render a document in the given format. The console fits every line into `width` columns
 * (default {@link terminalWidth}: the terminal's, else COLUMNS, else 100).
 */
export function renderDoc(doc: Doc, format: DocFormat, width: number = terminalWidth()): string {
  switch (format) {
    case 'console':
      return renderConsole(doc, width);
    case 'md':
      return renderMarkdown(doc);
    case 'csv':
      return renderCsv(doc);
    case 'json':
      return jsonText(doc.data) + '\n';
  }
}

function renderConsole(doc: Doc, width: number): string {
  const para = (text: string, indent = '') => wrapText(escapeControl(text), width, indent);
  const out: string[] = para(doc.title).map((l) => chalk.bold(l));
  if (doc.headline) out.push(...para(doc.headline, '  '));
  for (const w of doc.warnings ?? []) out.push(...para(`warning: ${w}`, '  ').map((l) => chalk.yellow(l)));
  for (const s of doc.sections) {
    out.push('');
    if (s.heading) out.push(...para(s.heading).map((l) => chalk.bold(l)));
    for (const n of s.notes ?? []) out.push(...para(`  ${n}`, '    '));
    if (s.table) {
      if (s.table.title) out.push(...para(s.table.title));
      const head = s.table.columns.some((c) => c !== '') ? s.table.columns.map(escapeControl) : [];
      const style = { head: chalk.level > 0 ? ['cyan'] : [], border: chalk.level > 0 ? ['grey'] : [] };
      const rows = s.table.rows.map((r) => r.map((c) => escapeControl(cellText(c))));
      out.push(...fitTable({ head, rows, priority: s.table.priority, noWrap: s.table.codeColumns, style }, width));
    }
    for (const n of s.after ?? []) out.push(...para(`  ${n}`, '    '));
  }
  if (doc.footnote) out.push('', ...para(doc.footnote));
  return out.join('\n') + '\n';
}

/** Render one table as GitHub-flavoured Markdown, every cell escaped. */
export function markdownTable(table: DocTable): string {
  const head = `| ${table.columns.map(escapeMarkdown).join(' | ')} |`;
  const sep = `|${table.columns.map(() => ' --- ').join('|')}|`;
  const code = new Set(table.codeColumns ?? []);
  const cell = (c: Cell, i: number) => (code.has(i) ? `\`${escapeControl(cellText(c)).replace(/`/g, '')}\`` : escapeMarkdown(cellText(c)));
  const rows = table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, sep, ...rows].join('\n');
}

function renderMarkdown(doc: Doc): string {
  const out: string[] = [`### ${escapeMarkdown(doc.title)}`, ''];
  if (doc.headline) out.push(`**${escapeMarkdown(doc.headline)}**`, '');
  for (const w of doc.warnings ?? []) out.push(`> ⚠️ ${escapeMarkdown(w)}`, '');
  for (const s of doc.sections) {
    if (s.collapsed) out.push(`<details><summary>${escapeMarkdown(s.heading ?? 'Details')}</summary>`, '');
    else if (s.heading) out.push(`#### ${escapeMarkdown(s.heading)}`, '');
    if (s.notes?.length) out.push(...s.notes.map((n) => `- ${escapeMarkdown(n)}`), '');
    if (s.table) {
      if (s.table.title) out.push(`**${escapeMarkdown(s.table.title)}**`, '');
      out.push(markdownTable(s.table), '');
    }
    if (s.after?.length) out.push(...s.after.map((n) => `- ${escapeMarkdown(n)}`), '');
    if (s.collapsed) out.push('</details>', '');
  }
  if (doc.footnote) out.push(`<sub>${escapeMarkdown(doc.footnote)}</sub>`, '');
  return out.join('\n');
}

/** Render one table as CSV (csv-stringify), guarding every cell against formula injection. */
export function csvTable(table: DocTable): string {
  return stringify([table.columns.map(csvSafe), ...table.rows.map((r) => r.map((c) => (typeof c === 'boolean' ? String(c) : csvSafe(c))))]);
}

function renderCsv(doc: Doc): string {
  const tables = doc.sections.flatMap((s) => (s.table ? [s.table] : []));
  const table = tables[doc.csvTableIndex ?? 0];
  if (!table) return '';
  return csvTable(table);
}
