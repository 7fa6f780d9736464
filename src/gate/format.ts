import { formatNumber, formatValue, type DisplayUnit } from '../render/format.js';
import { REGRESSION_METRICS, type RegressionMetric } from './metrics.js';

export { formatValue, type DisplayUnit };

/** Display names of the multiple-testing corrections. */
export const CORRECTION_NAMES = { holm: 'Holm–Bonferroni', bh: 'Benjamini–Hochberg', none: 'no correction' } as const;

const signed = (text: string, v: number) => (v > 0 || Object.is(v, Infinity) ? `+${text}` : v < 0 ? `-${text.replace(/^-/, '')}` : text);

/** A signed relative change (fraction) as a percentage: `+12.35%` (4 significant digits, src/render/format.ts). */
export function formatRelative(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '+∞%' : '-∞%';
  const small = Math.abs(v) < 0.0005;
  return signed(`${small ? '0' : formatNumber(Math.abs(v * 100), 3)}%`, small ? 0 : v);
}

/** A signed absolute change in a unit: `+1.2 ms`, `+0.31 pp` (fractions as percentage points), `-12/s`. */
export function formatAbsolute(v: number, unit: DisplayUnit): string {
  if (Number.isNaN(v)) return 'n/a';
  if (unit === 'fraction') {
    const small = Math.abs(v) < 0.00005;
    return signed(`${small ? '0' : formatNumber(Math.abs(v * 100), 2)} pp`, small ? 0 : v);
  }
  return signed(formatValue(Math.abs(v), unit), v);
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
  return formatNumber(p, 2);
}

/** A default noise band as a signed change in the worse direction: `+300%`, `-25%`, `+2 pp`. */
export function formatBand(metric: RegressionMetric, amount: number): string {
  const def = REGRESSION_METRICS[metric];
  const signedAmount = def.worse === 'up' ? amount : -amount;
  return def.unit === 'fraction' ? formatAbsolute(signedAmount, 'fraction') : formatRelative(signedAmount);
}
