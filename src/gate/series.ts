import { encodedBuckets, type Bucket } from '../results/histogram.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import { failedCount } from '../results/failures.js';

/**
 * Per-second data of one scope (`total` or an endpoint) of a result file, in the shape the
 * statistics need: latency counts per HDR bucket per second (sparse), and per-second
 * completed/failed counts. Built once per file; resampling then never decodes histograms again.
 */

/** Sparse latency counts of one second: bucket ids (ascending, into {@link ScopeSeries.binHighUs}) and counts. */
export interface SecondBins {
  ids: Int32Array;
  counts: Float64Array;
  total: number;
}

/** One scope's per-second series. */
export interface ScopeSeries {
  /** `total` or the endpoint name. */
  scope: string;
  /** The scope's whole-run summary from the result file. */
  summary: EndpointSummary;
  /** Upper edge (HDR highest equivalent value) of each bucket, µs, ascending; shared by every scope of the file. */
  binHighUs: Float64Array;
  /** Middle (HDR median equivalent value) of each bucket, µs. */
  binMidUs: Float64Array;
  /** Latency (from intended send time) per second; seconds with no completion have total 0. */
  latency: SecondBins[];
  /** Completed requests per second. */
  completed: Float64Array;
  /** Failed requests per second: Σ errors + backpressure (the numerator of error_rate). */
  failures: Float64Array;
  /**
   * Indices of the seconds the per-second tests use: the run's WHOLE wall-clock seconds
   * (see {@link wholeSeconds}); shared by every scope of the file.
   */
  whole: Int32Array;
}

/** Fewer whole seconds than this and every second is used (a very short run has nothing better). */
export const MIN_WHOLE_SECONDS = 3;

/**
 * Indices of the intervals that cover a whole wall-clock second of the run: interval E spans
 * [E·1000, E·1000 + 1000) ms, the run [startEpochMs, startEpochMs + durationMs]; whole when
 * E·1000 ≥ start − 1 and E·1000 + 1000 ≤ end + 1 (1 ms of slack). A run starting mid-second has
 * a partial first and last second: few requests, often warm-up, yet each second counts as
 * much as any other in a rank test, so they would dilute it. Every index when fewer than
 * {@link MIN_WHOLE_SECONDS} are whole.
 */
export function wholeSeconds(result: ResultFile): Int32Array {
  const start = result.run.startEpochMs;
  const end = start + result.run.durationMs;
  const idx: number[] = [];
  result.intervals.forEach((iv, t) => {
    if (iv.epochSec * 1000 >= start - 1 && iv.epochSec * 1000 + 1000 <= end + 1) idx.push(t);
  });
  return idx.length >= MIN_WHOLE_SECONDS ? Int32Array.from(idx) : Int32Array.from(result.intervals, (_, t) => t);
}

const failuresOf = failedCount;

/**
 * Series for `total` and for every endpoint of a result file, keyed by scope.
 * The total's latency buckets per second are the sum of the endpoints' (exact, like merging histograms).
 */
export function buildSeries(result: ResultFile): Map<string, ScopeSeries> {
  const n = result.intervals.length;
  const names = [...new Set(result.intervals.flatMap((iv) => Object.keys(iv.endpoints)))];
  // Per endpoint, per second: buckets keyed by their upper edge (µs), so every histogram layout lines up.
  const raw = new Map<string, Bucket[][]>(names.map((e) => [e, []]));
  const mids = new Map<number, number>();
  for (const iv of result.intervals) {
    for (const e of names) {
      const d = iv.endpoints[e];
      const buckets = d ? encodedBuckets(d.latency) : [];
      for (const [high, mid] of buckets) mids.set(high, mid);
      raw.get(e)!.push(buckets);
    }
  }
  const highs = [...mids.keys()].sort((a, b) => a - b);
  const local = new Map(highs.map((v, k) => [v, k]));
  const binHighUs = Float64Array.from(highs);
  const binMidUs = Float64Array.from(highs, (v) => mids.get(v)!);

  const toBins = (buckets: Bucket[]): SecondBins => {
    const ids = Int32Array.from(buckets, ([v]) => local.get(v)!);
    const counts = Float64Array.from(buckets, ([, , c]) => c);
    return { ids, counts, total: counts.reduce((a, c) => a + c, 0) };
  };
  const summaries = new Map(result.summary.endpoints.map((s) => [s.name, s]));
  const out = new Map<string, ScopeSeries>();
  const totalDense = new Float64Array(highs.length);
  const whole = wholeSeconds(result);
  const total: ScopeSeries = {
    scope: 'total',
    summary: result.summary.total,
    binHighUs,
    binMidUs,
    latency: [],
    completed: new Float64Array(n),
    failures: new Float64Array(n),
    whole,
  };
  out.set('total', total);
  for (const e of names) {
    const s: ScopeSeries = { scope: e, summary: summaries.get(e)!, binHighUs, binMidUs, latency: raw.get(e)!.map(toBins), completed: new Float64Array(n), failures: new Float64Array(n), whole };
    result.intervals.forEach((iv, t) => {
      const d = iv.endpoints[e];
      if (!d) return;
      s.completed[t] = d.completed;
      s.failures[t] = failuresOf(d);
      total.completed[t] += d.completed;
      total.failures[t] += s.failures[t];
    });
    if (s.summary) out.set(e, s);
  }
  // Total latency per second: sum the endpoints' sparse buckets through a dense scratch array.
  for (let t = 0; t < n; t++) {
    const touched: number[] = [];
    for (const e of names) {
      const bins = out.get(e)?.latency[t];
      if (!bins) continue;
      for (let k = 0; k < bins.ids.length; k++) {
        if (totalDense[bins.ids[k]] === 0) touched.push(bins.ids[k]);
        totalDense[bins.ids[k]] += bins.counts[k];
      }
    }
    touched.sort((a, b) => a - b);
    const counts = Float64Array.from(touched, (id) => totalDense[id]);
    for (const id of touched) totalDense[id] = 0;
    total.latency.push({ ids: Int32Array.from(touched), counts, total: counts.reduce((a, c) => a + c, 0) });
  }
  return out;
}

/**
 * The rank HDR uses for a percentile: max(1, ⌈q/100 · N⌉) (computed as HdrHistogram does,
 * rounding up after removing one ulp of floating-point error).
 */
export function countAtPercentile(percentile: number, total: number): number {
  const fp = (Math.min(percentile, 100) / 100) * total;
  return Math.max(1, Math.ceil(fp - Math.max(Math.abs(fp) * Number.EPSILON, Number.MIN_VALUE)));
}

/** Value (µs) at `percentile` of sparse bins, exactly as HdrHistogram's getValueAtPercentile; NaN when empty. */
export function percentileOfBins(bins: SecondBins, binHighUs: Float64Array, percentile: number): number {
  if (bins.total === 0) return NaN;
  const target = countAtPercentile(percentile, bins.total);
  let acc = 0;
  for (let k = 0; k < bins.ids.length; k++) {
    acc += bins.counts[k];
    if (acc >= target) return binHighUs[bins.ids[k]];
  }
  return binHighUs[bins.ids[bins.ids.length - 1]];
}

/** Value (µs) at `percentile` of dense bucket counts (index = bucket id); NaN when empty. */
export function percentileOfDense(counts: Float64Array, total: number, binHighUs: Float64Array, percentile: number): number {
  if (total === 0) return NaN;
  const target = countAtPercentile(percentile, total);
  let acc = 0;
  for (let k = 0; k < counts.length; k++) {
    acc += counts[k];
    if (acc >= target) return binHighUs[k];
  }
  return binHighUs[counts.length - 1];
}
