/**
 * Where a 1-second interval lies on the run's own clock. Intervals are wall-clock seconds: interval `t` covers
 * [floor(startEpochMs / 1000) + t, … + 1) in epoch seconds, so on the run's clock (seconds since the first
 * request's planned time) it covers [t − f, t + 1 − f), f = (startEpochMs mod 1000) / 1000. The first and last
 * intervals are partial. Pure.
 */

/**
 * The midpoint, in seconds since the run started, of the part of interval `t` inside the run:
 * mid = (max(0, t − f) + min(runSec, t + 1 − f)) / 2. A phase [startSec, endSec) owns the interval when mid lies in
 * it, so each interval goes to the phase it mostly overlaps, and the run's first and last partial seconds go to the
 * first and last phases (a phase test on `t` alone loses the last partial second and shifts every phase by f).
 */
export function intervalMidSec(t: number, startEpochMs: number, runSec: number): number {
  const f = (((startEpochMs % 1000) + 1000) % 1000) / 1000;
  const from = Math.max(0, t - f);
  const to = Math.max(from, Math.min(runSec, t + 1 - f));
  return (from + to) / 2;
}
