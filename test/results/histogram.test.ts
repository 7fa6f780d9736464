import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import {
  addEncoded,
  decodeHistogram,
  encodedBuckets,
  encodedHistogramProblem,
  encodeHistogram,
  mergeEncoded,
  newLatencyHistogram,
  nonZeroBuckets,
  recordUs,
  HIGHEST_TRACKABLE_US,
} from '../../src/results/histogram.js';
import { aggregateIntervals, destroyAccumulators } from '../../src/results/aggregate.js';
import { seeded, syntheticResult } from '../helpers/synthetic-result.js';

/** An encoded histogram holding `values` (µs). */
function encodedOf(values: number[]): string {
  const h = newLatencyHistogram();
  for (const v of values) recordUs(h, v);
  const e = encodeHistogram(h);
  h.destroy();
  return e;
}

/** Every (bucket, count) of an encoded histogram, for exact comparison. */
const bucketsOf = (e: string) => encodedBuckets(e).map(([high, , c]) => [high, c]);

describe('recordUs', () => {
  // Every value 1…5000, each power of two ± 1 up to the top of the range, values at the clamp, and random ones.
  const rnd = seeded(11);
  const edges = Array.from({ length: 32 }, (_, k) => [2 ** k - 1, 2 ** k, 2 ** k + 1]).flat();
  const cases = [
    { name: 'every value from 1 to 5000', values: Array.from({ length: 5000 }, (_, i) => i + 1) },
    { name: 'each power of two and its neighbours', values: edges.filter((v) => v >= 1 && v <= HIGHEST_TRACKABLE_US) },
    { name: 'random latencies up to an hour', values: Array.from({ length: 20_000 }, () => 1 + Math.floor(rnd() ** 4 * (HIGHEST_TRACKABLE_US - 1))) },
    { name: 'the top of the range', values: [HIGHEST_TRACKABLE_US - 1, HIGHEST_TRACKABLE_US] },
  ];
  it.each(cases)('lands $name in the bucket the library picks', ({ values }) => {
    const fast = newLatencyHistogram();
    const lib = newLatencyHistogram();
    for (const v of values) {
      recordUs(fast, v);
      lib.recordValue(v);
    }
    expect(fast.totalCount).toBe(values.length);
    expect([fast.minNonZeroValue, fast.maxValue]).toEqual([lib.minNonZeroValue, lib.maxValue]);
    expect(nonZeroBuckets(fast)).toEqual(nonZeroBuckets(lib));
    expect(encodeHistogram(fast)).toBe(encodeHistogram(lib));
    fast.destroy();
    lib.destroy();
  });
});

describe('histogram encode/decode', () => {
  it('round-trips counts, extremes and percentiles exactly', () => {
    const rnd = seeded(7);
    const values = Array.from({ length: 5000 }, () => Math.round(200 + rnd() * 2_000_000));
    const h = newLatencyHistogram();
    for (const v of values) recordUs(h, v);
    const back = decodeHistogram(encodeHistogram(h));
    expect(back.totalCount).toBe(5000);
    // Extremes come back as their bucket's edges (HDR keeps 3 significant digits).
    const ulp = (h as unknown as { highestEquivalentValue(v: number): number }).highestEquivalentValue.bind(h);
    expect(back.maxValue).toBe(ulp(h.maxValue));
    expect(Math.abs(back.minNonZeroValue - h.minNonZeroValue)).toBeLessThanOrEqual(h.minNonZeroValue / 1000);
    for (const p of [50, 90, 99, 99.9]) expect(back.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
    expect(nonZeroBuckets(back)).toEqual(nonZeroBuckets(h));
    h.destroy();
    back.destroy();
  });

  it('clamps values to [1 µs, 1 h] and decodes the empty string as empty', () => {
    const e = encodedOf([0, -5, HIGHEST_TRACKABLE_US * 10]);
    const h = decodeHistogram(e);
    expect(h.totalCount).toBe(3);
    expect(h.minNonZeroValue).toBe(1);
    expect(h.maxValue).toBeGreaterThanOrEqual(HIGHEST_TRACKABLE_US);
    h.destroy();
    expect(decodeHistogram('').totalCount).toBe(0);
    expect(encodedBuckets('')).toEqual([]);
  });

  it('re-homes a histogram recorded in another layout', async () => {
    const hdr = await import('hdr-histogram-js');
    const other = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10_000, numberOfSignificantValueDigits: 2 });
    other.recordValue(1234);
    const h = decodeHistogram(hdr.encodeIntoCompressedBase64(other));
    // Ours can now take values beyond the other layout's 10 ms range.
    const big = decodeHistogram(encodedOf([60_000_000]));
    h.add(big);
    expect(h.totalCount).toBe(2);
    for (const x of [other, h, big]) x.destroy();
  });
});

describe('histogram add and merge', () => {
  it('addEncoded and mergeEncoded equal recording every value into one histogram (exact, order-free)', () => {
    const rnd = seeded(3);
    const parts = [0, 1, 2].map(() => Array.from({ length: 700 }, () => Math.round(1 + rnd() * 5_000_000)));
    const all = encodedOf(parts.flat());
    const encoded = parts.map(encodedOf);
    expect(bucketsOf(mergeEncoded(encoded))).toEqual(bucketsOf(all));
    expect(bucketsOf(mergeEncoded([...encoded].reverse()))).toEqual(bucketsOf(all));
    expect(bucketsOf(mergeEncoded(['', encoded[0], '']))).toEqual(bucketsOf(encoded[0]));
    const into = newLatencyHistogram();
    for (const e of encoded) addEncoded(into, e);
    expect(nonZeroBuckets(into).map(([high, , c]) => [high, c])).toEqual(bucketsOf(all));
    into.destroy();
  });
});

describe('aggregate over intervals and scopes', () => {
  it('per-endpoint and total accumulators are the exact sums of the intervals', () => {
    const result = syntheticResult({
      endpoints: [
        { name: 'read', rps: 40, medianMs: 20 },
        { name: 'write', rps: 15, medianMs: 80, errorRate: 0.1 },
      ],
      seconds: 6,
    });
    const { endpoints, total } = aggregateIntervals(result.intervals);
    const lat = (name: string) => result.intervals.map((iv) => iv.endpoints[name]?.latency ?? '');
    for (const name of ['read', 'write']) {
      const acc = endpoints.get(name)!;
      expect(acc.counters.completed).toBe(result.intervals.reduce((s, iv) => s + (iv.endpoints[name]?.completed ?? 0), 0));
      expect(nonZeroBuckets(acc.latency).map(([h, , c]) => [h, c])).toEqual(bucketsOf(mergeEncoded(lat(name))));
    }
    expect(total.counters.completed).toBe(endpoints.get('read')!.counters.completed + endpoints.get('write')!.counters.completed);
    expect(total.latency.totalCount).toBe(total.counters.completed);
    expect(nonZeroBuckets(total.latency).map(([h, , c]) => [h, c])).toEqual(bucketsOf(mergeEncoded([...lat('read'), ...lat('write')])));
    // A filter keeps only some intervals (a phase).
    const firstTwo = aggregateIntervals(result.intervals, (iv) => iv.t < 2);
    expect(firstTwo.total.latency.totalCount).toBe(result.intervals.slice(0, 2).reduce((s, iv) => s + Object.values(iv.endpoints).reduce((a, d) => a + d.completed, 0), 0));
    destroyAccumulators([...endpoints.values(), total, ...firstTwo.endpoints.values(), firstTwo.total]);
  });
});

describe('encodedHistogramProblem', () => {
  const good = encodedOf([100, 2000, 30000]);
  const bytes = Buffer.from(good, 'base64');
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 1] ^= 0xff; // breaks zlib's adler-32 checksum
  const notHdr = Buffer.alloc(8 + 20);
  const cases: Array<[string, string, string | undefined]> = [
    ['a real encoded histogram', good, undefined],
    ['the empty string (no samples)', '', undefined],
    ['not base64', 'not a histogram!', 'expected an encoded histogram (not base64 text)'],
    ['base64 of something else', Buffer.from('hello world, hello').toString('base64'), 'expected an encoded histogram (no compressed HdrHistogram V2 header)'],
    ['a corrupt zlib checksum', flipped.toString('base64'), 'corrupt encoded histogram (incorrect data check)'],
    ['truncated', bytes.subarray(0, bytes.length - 5).toString('base64'), 'corrupt encoded histogram (truncated)'],
    ['a zero header', notHdr.toString('base64'), 'expected an encoded histogram (no compressed HdrHistogram V2 header)'],
  ];
  it.each(cases)('%s', (_name, encoded, expected) => {
    expect(encodedHistogramProblem(encoded)).toBe(expected);
  });

  it('finds a valid header around a payload that is not a histogram', () => {
    const payload = deflateSync(Buffer.alloc(64));
    const b = Buffer.alloc(8 + payload.length);
    b.writeInt32BE(0x1c849314, 0);
    b.writeInt32BE(payload.length, 4);
    payload.copy(b, 8);
    expect(encodedHistogramProblem(b.toString('base64'))).toBe('corrupt encoded histogram (no HdrHistogram V2 payload)');
  });
});
