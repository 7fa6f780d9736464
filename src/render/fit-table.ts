/**
 * Fitting a console table into the terminal width. In order, until the table fits:
 * 1. word-wrap the widest wrappable cells, down to 10 columns (glyph/code columns are never wrapped);
 * 2. else drop the column of lowest priority (highest `priority` number first; 0 = never dropped),
 *    naming the dropped columns in a line under the table, and try 1 again;
 * 3. when nothing is left to drop, stack: one block per row, `column: value` lines, each wrapped to the width.
 * Pure: returns the lines to print. Width is measured by {@link displayWidth}.
 */
import Table from 'cli-table3';
import { displayWidth, maxLineWidth, wrapText } from './width.js';

/** A table ready for the console: escaped cell text. */
export interface PlainTable {
  head: string[];
  rows: string[][];
  /** Per column: 0 (or absent) always shown; larger numbers are dropped first when too wide. */
  priority?: number[];
  /** Columns never wrapped (sparklines). */
  noWrap?: number[];
  style: { head: string[]; border: string[] };
}

/** Narrowest a wrapped column is made before the table is stacked instead. */
const MIN_COLUMN = 10;

function draw(head: string[], rows: string[][], style: PlainTable['style']): string {
  const t = new Table({ head, style });
  for (const r of rows) t.push(r);
  return t.toString();
}

/** Widest line of column `i` over the head and the rows. */
function naturalWidth(head: string[], rows: string[][], i: number): number {
  return Math.max(head.length ? maxLineWidth(head[i]) : 0, ...rows.map((r) => maxLineWidth(r[i] ?? '')));
}

/**
 * The widest a wrapped column may be: the largest cap C with Σ min(wᵢ, C) over wrappable columns
 * + Σ wᵢ over fixed ones + 3·n + 1 (borders and padding) ≤ width; undefined when even C = MIN_COLUMN is too wide.
 */
function wrapCap(widths: number[], fixed: Set<number>, width: number): number | undefined {
  const frame = 3 * widths.length + 1;
  const total = (cap: number) => widths.reduce((s, w, i) => s + (fixed.has(i) ? w : Math.min(w, cap)), frame);
  if (total(MIN_COLUMN) > width) return undefined;
  let cap = Math.max(...widths);
  while (cap > MIN_COLUMN && total(cap) > width) cap--;
  return cap;
}

function wrapCell(text: string, cap: number): string {
  return text
    .split('\n')
    .flatMap((l) => wrapText(l, cap))
    .join('\n');
}

/** The table drawn with columns `cols`, its wrappable cells wrapped to fit `width` when needed; undefined when it cannot fit. */
function drawFitted(t: PlainTable, cols: number[], width: number): string | undefined {
  const pick = (r: string[]) => cols.map((i) => r[i] ?? '');
  const head = t.head.length ? pick(t.head) : [];
  const rows = t.rows.map(pick);
  const out = draw(head, rows, t.style);
  if (maxLineWidth(out) <= width) return out;
  const widths = cols.map((_, j) => naturalWidth(head, rows, j));
  const fixed = new Set(cols.flatMap((i, j) => (t.noWrap?.includes(i) ? [j] : [])));
  const cap = wrapCap(widths, fixed, width);
  if (cap === undefined) return undefined;
  const wrap = (r: string[]) => r.map((c, j) => (fixed.has(j) ? c : wrapCell(c, cap)));
  const wrapped = draw(head.length ? wrap(head) : [], rows.map(wrap), t.style);
  return maxLineWidth(wrapped) <= width ? wrapped : undefined;
}

/** Lines of the table fitted into `width` columns (see the module comment). */
export function fitTable(t: PlainTable, width: number): string[] {
  let cols = (t.head.length ? t.head : (t.rows[0] ?? [])).map((_, i) => i);
  const prio = (i: number) => t.priority?.[i] ?? 0;
  const dropped: string[] = [];
  for (;;) {
    const out = drawFitted(t, cols, width);
    if (out !== undefined) {
      const note = dropped.length ? wrapText(`(not shown at this width: ${dropped.join(', ')})`, width) : [];
      return [...out.split('\n'), ...note];
    }
    const droppable = cols.filter((i) => prio(i) > 0);
    if (!droppable.length) return stack(t, width);
    // Drop the lowest priority (largest number), the rightmost first among equals.
    const victim = droppable.reduce((a, b) => (prio(b) >= prio(a) ? b : a));
    cols = cols.filter((i) => i !== victim);
    dropped.unshift(t.head[victim] || `column ${victim + 1}`);
  }
}

/** Every row as a block of `column: value` lines (all columns), blocks separated by a blank line. */
export function stack(t: PlainTable, width: number): string[] {
  const out: string[] = [];
  t.rows.forEach((r, k) => {
    if (k > 0) out.push('');
    r.forEach((cell, i) => {
      const name = t.head[i] ?? '';
      if (!cell && !name) return;
      const label = name ? `${name}: ` : '';
      const text = `${label}${cell.replace(/\n/g, ' ')}`;
      out.push(...wrapText(text, width, ' '.repeat(Math.min(displayWidth(label), 4) || 2)));
    });
  });
  return out;
}
