/**
 * The one formatting module for human-readable output (console, Markdown, HTML, messages).
 * Machine-readable outputs (JSON, the CSVs) keep raw numbers and do not come here.
 *
 * Rules, the same in every command:
 * - significant digits by magnitude: 4 significant digits, but never fewer than the whole units
 *   (995.839 → "995.8", 0.0123456 → "0.01235", 12 345.6 → "12 346");
 * - one thousands separator: U+202F narrow no-break space ("12 346"), so numbers never wrap;
 * - a unit on every value that has one ({@link formatValue}: "995.8 ms", "2.4%", "199.8/s").
 * Pure functions, built on Intl.NumberFormat.
 */

/** The thousands separator everywhere: U+202F narrow no-break space. */
export const THOUSANDS_SEPARATOR = '\u202f';

/** Significant digits shown by default. */
export const SIGNIFICANT_DIGITS = 4;

const formatters = new Map<number, Intl.NumberFormat>();

/** An Intl formatter for `sig` significant digits that never rounds away whole units. */
function formatter(sig: number): Intl.NumberFormat {
  let f = formatters.get(sig);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      maximumSignificantDigits: sig,
      maximumFractionDigits: 0,
      // Of the two roundings, keep the one with more precision: whole units survive (12 345.6 → 12 346).
      roundingPriority: 'morePrecision',
      useGrouping: true,
    } as Intl.NumberFormatOptions);
    formatters.set(sig, f);
  }
  return f;
}

/**
 * A number for people: `sig` significant digits (default 4) but at least the whole units, the
 * one thousands separator, `∞`/`-∞` for infinities and `n/a` for NaN. -0 prints as 0.
 */
export function formatNumber(x: number, sig: number = SIGNIFICANT_DIGITS): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const text = formatter(sig).format(x === 0 ? 0 : x).replace(/,/g, THOUSANDS_SEPARATOR);
  return text === '-0' ? '0' : text;
}

/** A whole count (rounded to the nearest integer) with the thousands separator: 12345 → "12 345". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return formatNumber(n);
  return formatNumber(Math.round(n));
}

/** A latency in milliseconds without its unit (for columns headed "(ms)"); `–` when absent. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return formatNumber(ms);
}

/** A rate per second without its unit (for columns headed "(/s)"). */
export function formatRate(perSec: number): string {
  return formatNumber(perSec);
}

/** A fraction as a percentage: 0.02857 → "2.857%"; a positive value below 0.0001% → "<0.0001%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  const pct = fraction * 100;
  if (pct > 0 && pct < 0.0001) return '<0.0001%';
  return `${formatNumber(pct)}%`;
}

/** Units a value can be shown in: ms, a fraction shown as %, per second, seconds or a plain count. */
export type DisplayUnit = 'ms' | 'fraction' | 'per-sec' | 'sec' | 'count';

/** A value with its unit: `995.8 ms`, `2.4%`, `199.8/s`, `12 s`, `1 234`. */
export function formatValue(v: number, unit: DisplayUnit): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  switch (unit) {
    case 'ms':
      return `${formatNumber(v)} ms`;
    case 'fraction':
      return formatPercent(v);
    case 'per-sec':
      return `${formatNumber(v)}/s`;
    case 'sec':
      return `${formatNumber(v)} s`;
    case 'count':
      return formatNumber(v);
  }
}

/**
 * A size in bytes in binary units, as `parseBytes` reads them (KB = 1024 B): 1024 → "1 KB",
 * 102400 → "100 KB", 1536 → "1.5 KB", 1048576 → "1 MB", 900 → "900 B".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return formatNumber(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (i < units.length - 1 && Math.abs(bytes) >= 1024 ** (i + 1)) i++;
  return `${formatNumber(bytes / 1024 ** i)} ${units[i]}`;
}

/** A duration in seconds as "45 s", "2 m 05 s" or "1 h 02 m". */
export function formatDurationSec(sec: number): string {
  if (!Number.isFinite(sec)) return formatNumber(sec);
  const s = Math.round(sec);
  if (s < 60) return `${formatNumber(sec, 2)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${formatCount(h)} h ${String(m).padStart(2, '0')} m`;
  return `${m} m ${String(r).padStart(2, '0')} s`;
}

/**
 * A time in seconds since the run started, to 0.1 s (0.01 s below 1 s): 12.857… → "12.9", 4.0 → "4",
 * 0.2857 → "0.29"; from 100 s on, whole seconds with the thousands separator.
 */
export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return formatNumber(sec);
  const a = Math.abs(sec);
  const step = a < 1 ? 100 : a < 100 ? 10 : 1;
  return formatNumber(Math.round(sec * step) / step, 15);
}

/** A span of seconds since the start as "12.9–14.1 s" (see {@link formatSeconds}). */
export function formatSecondsRange(startSec: number, endSec: number): string {
  return `${formatSeconds(startSec)}–${formatSeconds(endSec)} s`;
}

/**
 * Free text (e.g. the summary's warnings) with every standalone whole number of 4 or more digits
 * given the thousands separator, as {@link formatCount} renders counts: "1711 requests (28.52%)" →
 * "1 711 requests (28.52%)". A number counts as standalone only between start/space/"(" and
 * end/space/")"/","/";"/":" — decimals, percentages, ports, dates, versions and paths are left alone.
 */
export function formatCountsInText(text: string): string {
  return text.replace(/(^|[\s(])(\d{4,15})(?=$|[\s),;:])/g, (_m, pre: string, digits: string) => pre + formatCount(Number(digits)));
}

/** An ISO timestamp as "2026-01-01 12:00:00 UTC" (seconds precision). */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** Counts by kind as "http5xx 12, timeout 3" (largest first, then by name), or "–" when none. */
export function formatKinds(counts: Record<string, number | undefined>): string {
  const entries = Object.entries(counts).filter(([, v]) => (v ?? 0) > 0) as Array<[string, number]>;
  if (entries.length === 0) return '–';
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.map(([k, v]) => `${k} ${formatCount(v)}`).join(', ');
}
