/**
 * Number formatting shared by the report renderers (Markdown, HTML, console fallback).
 * Pure functions; every unit is named in the function name.
 */

/** Narrow no-break space, used as the thousands separator ("12 345") so numbers never wrap. */
export const THIN_SPACE = '\u202f';

/** An integer count with thin-space thousands separators: 12345 → "12 345". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
}

/**
 * A latency in milliseconds with precision matched to its size:
 * < 1 ms → 3 decimals, < 10 → 2, < 100 → 1, otherwise whole ms (with separators).
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a === 0) return '0';
  if (a < 1) return ms.toFixed(3);
  if (a < 10) return ms.toFixed(2);
  if (a < 100) return ms.toFixed(1);
  return formatCount(ms);
}

/** A rate in events per second: < 10 → 2 decimals, < 100 → 1, otherwise whole (with separators). */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return 'n/a';
  const a = Math.abs(perSec);
  if (a === 0) return '0';
  if (a < 10) return perSec.toFixed(2);
  if (a < 100) return perSec.toFixed(1);
  return formatCount(perSec);
}

/**
 * A fraction in [0, 1] as a percentage: 0 → "0%", below 0.01% → "<0.01%",
 * below 1% → 2 decimals, otherwise 1 decimal (0.0123 → "1.2%").
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const pct = fraction * 100;
  if (pct === 0) return '0%';
  if (pct < 0.01) return '<0.01%';
  if (pct < 1) return `${pct.toFixed(2)}%`;
  return `${pct.toFixed(1)}%`;
}

/** A duration in seconds as "45 s", "2 m 05 s" or "1 h 02 m". */
export function formatDurationSec(sec: number): string {
  if (!Number.isFinite(sec)) return 'n/a';
  const s = Math.round(sec);
  if (s < 60) return `${Number(sec.toFixed(sec < 10 ? 1 : 0))} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} m`;
  return `${m} m ${String(r).padStart(2, '0')} s`;
}

/**
 * A time in seconds since the run started, rounded for display: |t| < 1 → 2 decimals, < 100 → 1,
 * otherwise whole seconds (with separators); trailing zeros dropped (12.857… → "12.9", 4.0 → "4").
 */
export function formatSeconds(sec: number): string {
  if (!Number.isFinite(sec)) return 'n/a';
  const a = Math.abs(sec);
  if (a >= 100) return formatCount(sec);
  const rounded = Number(sec.toFixed(a < 1 ? 2 : 1));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A span of seconds since the start as "12.9–14.1 s" (see {@link formatSeconds}). */
export function formatSecondsRange(startSec: number, endSec: number): string {
  return `${formatSeconds(startSec)}–${formatSeconds(endSec)} s`;
}

/**
 * Free text (e.g. the summary's warnings) with every standalone whole number of 4 or more digits
 * given thin-space separators, as {@link formatCount} renders counts: "1711 requests (28.52%)" →
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

/** Error counts by kind as "http5xx 12, timeout 3" (largest first), or "–" when none. */
export function formatKinds(counts: Record<string, number | undefined>): string {
  const entries = Object.entries(counts).filter(([, v]) => (v ?? 0) > 0) as Array<[string, number]>;
  if (entries.length === 0) return '–';
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.map(([k, v]) => `${k} ${formatCount(v)}`).join(', ');
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A Unicode sparkline of at most `width` bars. Values are grouped into ⌈n / width⌉-long buckets
 * reduced by `reduce` (nulls skipped; an all-null bucket is a space); bar level =
 * round(7 · v / max), so the largest bucket is █ and zero is ▁.
 */
export function sparkline(
  values: Array<number | null>,
  width: number,
  reduce: (bucket: number[]) => number,
): { line: string; bucketSize: number; max: number } {
  const size = Math.max(1, Math.ceil(values.length / Math.max(1, width)));
  const buckets: Array<number | null> = [];
  for (let i = 0; i < values.length; i += size) {
    const xs = values.slice(i, i + size).filter((v): v is number => v !== null && Number.isFinite(v));
    buckets.push(xs.length ? reduce(xs) : null);
  }
  const max = buckets.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
  const line = buckets.map((v) => (v === null ? ' ' : BARS[max > 0 ? Math.round((7 * v) / max) : 0])).join('');
  return { line, bucketSize: size, max };
}

/** Bucket reducers for {@link sparkline}. */
export const bucketMax = (xs: number[]): number => Math.max(...xs);
export const bucketMean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
