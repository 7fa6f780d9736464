/**
 * Cells for the machine-readable `--format csv` tables of the analysis commands: raw numbers
 * (no `$`, `%` or thousands separators), booleans as true/false, empty for "none".
 */
import type { Cell } from '../render/document.js';

/** A number for CSV: 12 significant digits (drops binary noise such as 979.1999999999999); empty when not finite. */
export function csvNumber(x: number | undefined): Cell {
  return x !== undefined && Number.isFinite(x) ? Number(x.toPrecision(12)) : '';
}
