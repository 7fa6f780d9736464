/**
 * Types of the per-second and per-phase parts of the report model (src/report/model.ts), apart so
 * that the interval scan (src/report/scan.ts) and the model builder do not import each other.
 * Units: latencies in ms, rates in events per second, times in seconds since the run started.
 */
import type { EndpointSummary } from '../results/types.js';

/** Summaries over one phase of the run (the intervals it owns: midpoint on the run's clock in [startSec, endSec), results/interval-time.ts). */
export interface PhaseReport {
  name: string;
  startSec: number;
  endSec: number;
  /** endSec − startSec; rates in the summaries are per second of this duration. */
  durationSec: number;
  total: EndpointSummary;
  endpoints: EndpointSummary[];
}

/**
 * One endpoint's (or the total's) per-second series, columnar and aligned with `ReportSeries.t`.
 * Counts are per one-second interval, so they read directly as per-second rates.
 * Latency columns are null in seconds where nothing completed.
 */
export interface EndpointSeries {
  name: string;
  /** Arrivals the schedule intended in that second (target rate, req/s). */
  target: number[];
  /** Requests put on the wire in that second. */
  sent: number[];
  /** Requests completed in that second (achieved rate, req/s). */
  achieved: number[];
  /** Latency percentiles from the intended send time, ms. */
  p50: Array<number | null>;
  p90: Array<number | null>;
  p99: Array<number | null>;
  p999: Array<number | null>;
  max: Array<number | null>;
  /** Requests that ended in an error kind, backpressure excluded (errorCount, src/results/failures.ts). */
  errors: number[];
  /** 429/503 responses. */
  backpressure: number[];
  dropped: number[];
  late: number[];
}

/** How a long run's series were bucketed (see {@link ReportSeries.downsampled}). */
export interface Downsampling {
  /** Seconds of the run covered by the series (last interval's t + 1). */
  seconds: number;
  /** Points in each series: ⌈seconds / bucketSec⌉. */
  buckets: number;
  /** Width of each bucket, seconds (the last one may be shorter). */
  bucketSec: number;
}

/**
 * Per-second series for the whole run: t = 0 … last second, dense (missing seconds are zeros).
 * Runs longer than MAX_SERIES_POINTS seconds (src/report/scan.ts) are shown in buckets of
 * `downsampled.bucketSec` seconds: t is the bucket's start, counts are the mean per second over the
 * bucket, latencies come from the bucket's merged histogram (max: the largest).
 */
export interface ReportSeries {
  /** Seconds since the run started (of each bucket's start when downsampled). */
  t: number[];
  /** Present when the series are buckets of several seconds. */
  downsampled?: Downsampling;
  /** Wall-clock second (Unix epoch) of each t. */
  epochSec: number[];
  /** The shape's target level at each second: req/s (open model) or users (closed model). */
  targetLevel: number[];
  /** Closed model: active users at the end of each second (the largest in a bucket). */
  activeUsers: number[];
  total: EndpointSeries;
  endpoints: EndpointSeries[];
}

/** One point of the HDR percentile curve. Plot x = 1 / (1 − percentile/100) on a log axis. */
export interface PercentilePoint {
  /** Percentile in [0, 100). */
  percentile: number;
  valueMs: number;
}

/** Whole-run latency distribution of one endpoint or the total. */
export interface LatencyDistribution {
  name: string;
  /** Recorded latencies. */
  count: number;
  points: PercentilePoint[];
}
