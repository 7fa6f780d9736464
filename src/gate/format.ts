import { formatNumber } from '../render/document.js';

/** Display names of the multiple-testing corrections. */
export const CORRECTION_NAMES = { holm: 'Holm–Bonferroni', bh: 'Benjamini–Hochberg', none: 'no correction' } as const;

/** Units checks are shown in: latency ms, a fraction shown as %, requests per second, or a plain count. */
export type DisplayUnit = 'ms' | 'fraction' | 'per-sec' | 'count';

/** Show a value in its unit: `12.35 ms`, `0.52%`, `998.2/s`, `3`. */
export function formatValue(v: number, unit: DisplayUnit): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  switch (unit) {
    case 'ms':
      return `${formatNumber(v)} ms`;
    case 'fraction':
      return `${formatNumber(v * 100)}%`;
    case 'per-sec':
      return `${formatNumber(v)}/s`;
    case 'count':
      return formatNumber(v);
  }
}

const signed = (text: string, v: number) => (v > 0 || Object.is(v, Infinity) ? `+${text}` : v < 0 ? `-${text.replace(/^-/, '')}` : text);

/** A signed relative change (fraction) as a percentage with one decimal: `+12.3%`. */
export function formatRelative(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '+∞%' : '-∞%';
  return signed(`${Math.abs(v * 100).toFixed(1)}%`, Math.abs(v) < 0.0005 ? 0 : v);
}

/** A signed absolute change in a unit: `+1.2 ms`, `+0.31 pp` (fractions as percentage points), `-12/s`. */
export function formatAbsolute(v: number, unit: DisplayUnit): string {
  if (Number.isNaN(v)) return 'n/a';
  if (unit === 'fraction') return signed(`${Math.abs(v * 100).toFixed(2)} pp`, Math.abs(v) < 0.00005 ? 0 : v);
  const body = formatValue(Math.abs(v), unit);
  return signed(body, v);
}

/** An interval as `[lo, hi]` with each end formatted by `f`; `n/a` when undefined. */
export function formatInterval(ci: [number, number] | undefined, f: (v: number) => string): string {
  if (!ci || Number.isNaN(ci[0]) || Number.isNaN(ci[1])) return 'n/a';
  return `[${f(ci[0])}, ${f(ci[1])}]`;
}

/** A p-value: `<0.0001` when tiny, else two significant digits. */
export function formatP(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return 'n/a';
  if (p < 0.0001) return '<0.0001';
  return String(Number(p.toPrecision(2)));
}
