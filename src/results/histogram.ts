/**
 * The one histogram path: every HDR histogram capplan builds, encodes, decodes, adds or reads
 * buckets of goes through this module (recorders, the live merge, shard merge, report, gate).
 * Values are latencies in microseconds.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { inflateSync } from 'node:zlib';

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

/** The parts of hdr-histogram-js's JsHistogram (what {@link newLatencyHistogram} builds) that {@link recordUs} uses. */
interface JsHistogramInternals {
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
  unitMagnitude: number;
  countsArrayLength: number;
  incrementCountAtIndex(index: number): void;
  updateMinAndMax(value: number): void;
  incrementTotalCount(): void;
}

/**
 * Record a latency given in microseconds (clamped to [1, HIGHEST_TRACKABLE_US]). The hot path of
 * every request (three times), so the bucket is computed with integer operations instead of the
 * library's Math.log2/Math.pow, to the same index (HdrHistogram's own definition, values < 2³²):
 *   bucket = max(⌊log₂ v⌋ − subBucketHalfCountMagnitude − unitMagnitude, 0),  ⌊log₂ v⌋ = 31 − clz32(v)
 *   sub    = ⌊v ÷ 2^(bucket + unitMagnitude)⌋ = v >>> (bucket + unitMagnitude)
 *   index  = (bucket + 1)·2^subBucketHalfCountMagnitude + sub − subBucketHalfCount
 * test/results/histogram.test.ts checks it against recordValue bucket for bucket.
 */
export function recordUs(h: Histogram, valueUs: number): void {
  const v = valueUs < 1 ? 1 : valueUs > HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : Math.round(valueUs);
  const j = h as unknown as JsHistogramInternals;
  const shiftBase = j.subBucketHalfCountMagnitude + j.unitMagnitude;
  const log2 = 31 - Math.clz32(v);
  const bucket = log2 > shiftBase ? log2 - shiftBase : 0;
  const index = (bucket + 1) * (1 << j.subBucketHalfCountMagnitude) + (v >>> (bucket + j.unitMagnitude)) - j.subBucketHalfCount;
  if (index >= j.countsArrayLength) return h.recordValue(v);
  j.incrementCountAtIndex(index);
  j.updateMinAndMax(v);
  j.incrementTotalCount();
}

/** Encode a histogram for the result file / postMessage (compressed base64, HdrHistogram V2 format). */
export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** True when `h` has the layout {@link newLatencyHistogram} builds (so it can `add` any of ours and vice versa). */
function isStandardLayout(h: Histogram): boolean {
  const l = h as unknown as { lowestDiscernibleValue: number; highestTrackableValue: number; numberOfSignificantValueDigits: number; autoResize: boolean };
  return l.lowestDiscernibleValue === 1 && l.highestTrackableValue === HIGHEST_TRACKABLE_US && l.numberOfSignificantValueDigits === 3 && !l.autoResize;
}

/**
 * Decode a histogram produced by {@link encodeHistogram}. The empty string decodes to an empty
 * histogram. A histogram in another layout is re-homed into ours, so every histogram we hand out
 * can `add` any other. The caller owns the result (`destroy()` it when done). Result files are
 * checked with {@link encodedHistogramProblem} on read, so decoding them does not throw.
 */
export function decodeHistogram(encoded: string): Histogram {
  if (!encoded) return newLatencyHistogram();
  const decoded = hdr.decodeFromCompressedBase64(encoded);
  if (isStandardLayout(decoded)) return decoded;
  const h = newLatencyHistogram();
  h.add(decoded);
  decoded.destroy();
  return h;
}

/** Add an encoded histogram into `into` (exact: counts add bucket by bucket); the empty string adds nothing. Returns `into`. */
export function addEncoded(into: Histogram, encoded: string): Histogram {
  if (!encoded) return into;
  const h = hdr.decodeFromCompressedBase64(encoded);
  into.add(h);
  h.destroy();
  return into;
}

/** Exact merge of encoded histograms: counts add bucket by bucket. Returns an encoded histogram. */
export function mergeEncoded(encoded: string[]): string {
  const acc = newLatencyHistogram();
  for (const e of encoded) addEncoded(acc, e);
  const out = encodeHistogram(acc);
  acc.destroy();
  return out;
}

/** The merge of `hs` into `scratch` (reset first), or the histogram itself when there is exactly one. */
export function mergeInto(hs: Histogram[], scratch: Histogram): Histogram {
  if (hs.length === 1) return hs[0];
  scratch.reset();
  for (const h of hs) scratch.add(h);
  return scratch;
}

/** First int32 of the compressed V2 form (its low nibble of the word-size byte may vary). */
const V2_COMPRESSED_COOKIE_BASE = 0x1c849304;
/** First int32 of the inflated V2 payload. */
const V2_COOKIE_BASE = 0x1c849303;
/** Base64 (standard alphabet, padded or not). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Why `encoded` is not a histogram {@link decodeHistogram} can read, or undefined when it is.
 * Checks the base64 text, the compressed V2 cookie and length, inflates the payload (zlib's
 * checksum) and checks the payload's cookie, without building the counts array, so it is
 * cheap enough to run over every histogram of a result file on read.
 */
export function encodedHistogramProblem(encoded: string): string | undefined {
  if (encoded === '') return undefined;
  const text = encoded.trim();
  if (text.length % 4 === 1 || !BASE64.test(text)) return 'expected an encoded histogram (not base64 text)';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 8 || (bytes.readInt32BE(0) & ~0xf0) !== V2_COMPRESSED_COOKIE_BASE) {
    return 'expected an encoded histogram (no compressed HdrHistogram V2 header)';
  }
  const length = bytes.readInt32BE(4);
  if (length < 0 || 8 + length > bytes.length) return 'corrupt encoded histogram (truncated)';
  let payload: Buffer;
  try {
    payload = inflateSync(bytes.subarray(8, 8 + length));
  } catch (err) {
    return `corrupt encoded histogram (${(err as Error).message})`;
  }
  if (payload.length < 40 || (payload.readInt32BE(0) & ~0xf0) !== V2_COOKIE_BASE) return 'corrupt encoded histogram (no HdrHistogram V2 payload)';
  return undefined;
}

/** One non-zero bucket of a histogram: its highest and median equivalent values (µs) and its count. */
export type Bucket = [highUs: number, midUs: number, count: number];

/** The parts of hdr-histogram-js's JS histogram we read buckets through. */
interface BucketAccess {
  countsArrayLength: number;
  getCountAtIndex(i: number): number;
  countsArrayIndex(valueUs: number): number;
  valueFromIndex(i: number): number;
  highestEquivalentValue(valueUs: number): number;
  medianEquivalentValue(valueUs: number): number;
}

/** Non-zero buckets of a histogram, ascending: [highest equivalent value µs, median equivalent value µs, count]. */
export function nonZeroBuckets(h: Histogram): Bucket[] {
  const out: Bucket[] = [];
  if (h.totalCount === 0) return out;
  const b = h as unknown as BucketAccess;
  const from = b.countsArrayIndex(h.minNonZeroValue);
  const to = Math.min(b.countsArrayLength - 1, b.countsArrayIndex(h.maxValue));
  for (let i = from; i <= to; i++) {
    const c = b.getCountAtIndex(i);
    if (c > 0) {
      const v = b.valueFromIndex(i);
      out.push([b.highestEquivalentValue(v), b.medianEquivalentValue(v), c]);
    }
  }
  return out;
}

/** Non-zero buckets of an encoded histogram (see {@link nonZeroBuckets}); none for the empty string. */
export function encodedBuckets(encoded: string): Bucket[] {
  if (!encoded) return [];
  const h = hdr.decodeFromCompressedBase64(encoded);
  const out = nonZeroBuckets(h);
  h.destroy();
  return out;
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
