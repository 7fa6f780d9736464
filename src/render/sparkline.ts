/** Unicode sparklines for the reports (Markdown, console). Pure. */
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
export const bucketMax = (xs: number[]): number => xs.reduce((m, x) => (x > m ? x : m), -Infinity); // no spread: a bucket may hold 10⁶ values
export const bucketMean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
