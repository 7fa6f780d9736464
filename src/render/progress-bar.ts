/**
 * The pieces of a progress display on a terminal: a bar of block characters and an ETA. Pure.
 */
import { formatDurationSec } from './format.js';
import { displayWidth } from './width.js';

/**
 * A bar `cells` columns wide for `fraction` done (clamped to 0..1), in eighths of a cell:
 * filled = fraction × cells, drawn as whole blocks `█` plus one partial block (▏▎▍▌▋▊▉), the rest `░`.
 */
export function progressBar(fraction: number, cells: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(f * cells * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part > 0 ? ' ▏▎▍▌▋▊▉'[part] : '';
  return '█'.repeat(full) + partial + '░'.repeat(cells - full - (partial ? 1 : 0));
}

/**
 * The time left in whole seconds, as `ETA 48 s` / `ETA 2 m 05 s`: remaining = total − elapsed, rounded to the
 * second (a scaled duration such as 45.000000000000007 s leaves 0 s, not 7e-15 s), never negative.
 */
export function etaText(elapsedSec: number, totalSec: number): string {
  return `ETA ${formatDurationSec(Math.max(0, Math.round(totalSec - elapsedSec)))}`;
}

/** A planned duration in whole seconds for `elapsed/total` displays: ⌈total⌉ after rounding away float noise (45.000000000000007 → 45). */
export function wholeSeconds(totalSec: number): number {
  return Math.ceil(Math.round(totalSec * 1000) / 1000);
}

/** Cut a single line to at most `width` display columns (ending in `…` when cut), so `\r` redraws stay on one line. */
export function truncateLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let out = '';
  for (const ch of line) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
