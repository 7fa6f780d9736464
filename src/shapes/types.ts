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
}
