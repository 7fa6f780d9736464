/**
 * A compact console timeline for the demo: one sparkline per series (users, req/s,
 * 429/s, p99), so saturation and recovery are visible at a glance. Pure.
 */
import { maxOf } from '../util/extrema.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * Sparkline of `values`, at most `width` characters: consecutive values are grouped
 * into buckets of ⌈n / width⌉ and each bucket shows its maximum. A bucket with only
 * nulls is blank; a 0 is `·` when `zeroDot`; otherwise level = ⌈8 · v / max⌉ − 1.
 */
export function sparkline(values: Array<number | null>, width = 80, zeroDot = false): { line: string; max: number } {
  const per = Math.max(1, Math.ceil(values.length / width));
  const buckets: Array<number | null> = [];
  for (let i = 0; i < values.length; i += per) {
    const slice = values.slice(i, i + per).filter((v): v is number => v !== null && Number.isFinite(v));
    buckets.push(slice.length ? maxOf(slice) : null);
  }
  const max = Math.max(0, maxOf(buckets.filter((v): v is number => v !== null)));
  const line = buckets
    .map((v) => {
      if (v === null) return ' ';
      if (v <= 0) return zeroDot ? '·' : BARS[0];
      return BARS[Math.min(7, Math.max(0, Math.ceil((8 * v) / max) - 1))];
    })
    .join('');
  return { line, max };
}

/** Input of {@link demoTimeline}: per-second series (from the report model). */
export interface TimelineSeries {
  activeUsers: number[];
  achieved: number[];
  backpressure: number[];
  p99: Array<number | null>;
}

/** The timeline lines: a header and one labelled sparkline per series with its peak. */
export function demoTimeline(s: TimelineSeries, width = 80): string[] {
  const seconds = s.achieved.length;
  const per = Math.max(1, Math.ceil(seconds / width));
  const rows: Array<[string, { line: string; max: number }, string]> = [
    ['users', sparkline(s.activeUsers, width), ''],
    ['req/s', sparkline(s.achieved, width), ''],
    ['429/s', sparkline(s.backpressure, width, true), ''],
    ['p99', sparkline(s.p99, width), ' ms'],
  ];
  return [
    `timeline: 1 character = ${per === 1 ? '1 second' : `${per} seconds (peak of each)`}, ${seconds} s in all`,
    ...rows.map(([label, sp, unit]) => `  ${label.padEnd(6)} ${sp.line}  peak ${Math.round(sp.max * 10) / 10}${unit}`),
  ];
}
