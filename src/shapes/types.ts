/**
 * A traffic shape: a pure function of time. No clock, timers or I/O.
 * Levels are requests/second in the open model and users in the closed model.
 */
export interface Shape {
  /** Total duration of the shape in seconds. */
  readonly durationSec: number;
  /** Target level at time `tSec` (0 ≤ t ≤ durationSec): req/s (open) or users (closed). */
  rate(tSec: number): number;
  /** ∫₀ᵗ rate(u) du: the number of arrivals the open model intends by `tSec`. */
  cumulative(tSec: number): number;
  /** Named segments (ramp-up, spike, steady, ramp-down…) in seconds since start. */
  readonly phases: ReadonlyArray<{ name: string; startSec: number; endSec: number }>;
  /**
   * Present on piecewise-linear shapes (stages, steady, ramp, step, spike): the
   * segments with their cumulative count at the start, so the scheduler can invert
   * `cumulative` analytically. Absent on smooth shapes (diurnal).
   */
  readonly segments?: ReadonlyArray<LinearSegment>;
}

/**
 * One piecewise-linear segment of a shape: the level goes linearly from `from`
 * to `to` over [startSec, startSec + durationSec); `cumStart` = cumulative(startSec)
 * and `cumEnd` = cumStart + (from + to)/2 · durationSec.
 */
export interface LinearSegment {
  readonly startSec: number;
  readonly durationSec: number;
  /** Level at the start of the segment (req/s or users). */
  readonly from: number;
  /** Level at the end of the segment (req/s or users). */
  readonly to: number;
  /** Arrivals intended before the segment starts. */
  readonly cumStart: number;
  /** Arrivals intended by the end of the segment. */
  readonly cumEnd: number;
}

/** One piecewise-linear stage: the level goes linearly from `from` to `to` over `durationMs` (hold when equal). */
export interface Stage {
  durationMs: number;
  from: number;
  to: number;
  /** Phase name for reports: explicit `name:`, else derived (ramp-up, hold, ramp-down…). */
  name: string;
}
