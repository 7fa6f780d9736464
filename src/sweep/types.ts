/**
 * Types of a concurrency sweep: one closed-model step per concurrency level,
 * measured after a warm-up, then the USL fit and the capacity matrix.
 */
import type { EndpointSummary } from '../results/types.js';
import type { UslFit } from '../analysis/usl.js';
import type { UslTrust } from './usl-trust.js';
import type { BottleneckName, StepResources } from './bottleneck.js';

/** One planned step: run `concurrency` users for warm-up + measure. */
export interface SweepStepPlan {
  /** Closed-model users (no think time unless the profile has one). */
  concurrency: number;
  /** Warm-up in ms, discarded. */
  warmupMs: number;
  /** Measured window in ms, after the warm-up. */
  measureMs: number;
}

/** Throughput and latency of one endpoint (or `total`) over one step's measured window. */
export interface StepMetrics {
  name: string;
  /** Completed requests per second over the measured window (req/s). */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors + HTTP errors + backpressure (429/503) in the window. */
  errors: number;
  /** errors / completed (fraction). */
  errorRate: number;
  completed: number;
}

/** One measured step. */
export interface SweepStep {
  concurrency: number;
  /** Length of the measured window in seconds (whole 1-second intervals kept). */
  measuredSec: number;
  total: StepMetrics;
  endpoints: StepMetrics[];
  /** Full summary of the measured window (all endpoints together), for SLO checks and JSON output. */
  summary: EndpointSummary;
  /** What the generator and (built-in) target used during the step; absent in hand-made steps. */
  resources?: StepResources;
  /** Who limited the step (see bottleneck.ts). */
  bottleneck?: BottleneckName;
}

/** Where the SLO stops holding along the sweep. */
export interface SloCrossing {
  slo: string;
  /** Unit of `actual` values: `ms` for latency metrics, else empty. */
  unit: string;
  /** Highest concurrency at which the SLO held before the first failure (null: failed from the first step). */
  lastPass: { concurrency: number; throughput: number; actual: number } | null;
  /** First concurrency at which it failed (null: held at every step). */
  firstFail: { concurrency: number; throughput: number; actual: number } | null;
  /**
   * Concurrency where the metric reaches the limit, by linear interpolation between
   * lastPass and firstFail: n = n₁ + (limit − v₁)·(n₂ − n₁)/(v₂ − v₁). Null when not bracketed.
   */
  crossingConcurrency: number | null;
}

/** The sweep's answer. */
export interface SweepAnalysis {
  /** Step with the highest total throughput. */
  max: { concurrency: number; throughput: number; p99Ms: number };
  /** Smallest concurrency reaching ≥ 90% of the maximum throughput (the knee). */
  knee: { concurrency: number; throughput: number };
  /** USL fit of (concurrency, total throughput); null when it could not be fitted (see warnings). */
  usl: UslFit | null;
  /** Whether the USL fit may be quoted as capacity (null when not fitted); when not, only the measured max and knee count. */
  uslTrust: UslTrust | null;
  /** Saturation point N* = √((1 − σ)/κ) from the USL (null when no finite peak or the fit is not trusted). */
  saturation: { concurrency: number; throughput: number } | null;
  slo: SloCrossing | null;
  warnings: string[];
}

/** One cell of the workers × service-time matrix (§17.5.2), measured against the built-in target. */
export interface MatrixCell {
  workers: number;
  serviceTimeMs: number;
  /** Users driving the cell (enough to keep every worker busy). */
  concurrency: number;
  /** Nominal capacity workers × 1000 / serviceTimeMs (req/s). */
  nominal: number;
  /** Measured throughput (req/s). */
  throughput: number;
  p99Ms: number;
  errors: number;
  /** Who limited the cell, as measured (see bottleneck.ts). */
  bottleneck?: BottleneckName;
}
