import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };

/** Highest latency we track: one hour, in microseconds. Larger values are clamped to it. */
export const HIGHEST_TRACKABLE_US = 3_600_000_000;

/**
 * A new latency histogram: values in microseconds, 1 µs resolution, 3 significant
 * digits, range 1 µs – 1 h. Fixed size, so memory does not grow with the request count.
 */
export function newLatencyHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
}

/** Record a latency given in microseconds (clamped to [1, HIGHEST_TRACKABLE_US]). */
export function recordUs(h: Histogram, valueUs: number): void {
  const v = valueUs < 1 ? 1 : valueUs > HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : Math.round(valueUs);
  h.recordValue(v);
}

/** Encode a histogram for the result file / postMessage (compressed base64, HdrHistogram V2 format). */
export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** Decode a histogram produced by {@link encodeHistogram}. The empty string decodes to an empty histogram. */
export function decodeHistogram(encoded: string): Histogram {
  if (!encoded) return newLatencyHistogram();
  const decoded = hdr.decodeFromCompressedBase64(encoded);
  // Re-home into our standard layout so every histogram we hand out can `add` any other.
  const h = newLatencyHistogram();
  h.add(decoded);
  decoded.destroy();
  return h;
}

/** Exact merge of encoded histograms: counts add bucket by bucket. Returns an encoded histogram. */
export function mergeEncoded(encoded: string[]): string {
  const acc = newLatencyHistogram();
  for (const e of encoded) {
    if (!e) continue;
    const h = hdr.decodeFromCompressedBase64(e);
    acc.add(h);
    h.destroy();
  }
  return encodeHistogram(acc);
}

/** Latency statistics in milliseconds, read off a histogram recorded in microseconds. */
export interface LatencyStatsMs {
  /** Number of recorded values. */
  count: number;
  minMs: number;
  meanMs: number;
  stdevMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Percentiles and moments of a microsecond histogram, converted to milliseconds (3 decimals). Zeroes when empty. */
export function latencyStatsMs(h: Histogram): LatencyStatsMs {
  const count = h.totalCount;
  if (count === 0) {
    return { count: 0, minMs: 0, meanMs: 0, stdevMs: 0, p50Ms: 0, p90Ms: 0, p95Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
  }
  const ms = (us: number) => r3(us / 1000);
  return {
    count,
    minMs: ms(h.minNonZeroValue),
    meanMs: ms(h.mean),
    stdevMs: ms(h.stdDeviation),
    p50Ms: ms(h.getValueAtPercentile(50)),
    p90Ms: ms(h.getValueAtPercentile(90)),
    p95Ms: ms(h.getValueAtPercentile(95)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
  };
}

/** The value (ms) at each requested percentile, e.g. for an HDR percentile curve. */
export function percentileCurveMs(h: Histogram, percentiles: number[]): Array<{ percentile: number; valueMs: number }> {
  return percentiles.map((p) => ({ percentile: p, valueMs: h.totalCount ? r3(h.getValueAtPercentile(p) / 1000) : 0 }));
}
