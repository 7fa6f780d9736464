/**
 * The effect of a chaos window on the client side (§17.4.1): error rate and p99 during the fault,
 * and how long after it the service recovered. Pure.
 *
 * Seconds are whole 1 s buckets [t, t + 1) and a window need not start or end on one (a run starts part-way into
 * a wall-clock second). Baseline: the seconds that end by the start of the first window (t + 1 ≤ from), so no
 * second with any fault in it counts. The window's own figures: the seconds that overlap it (t + 1 > from and
 * t < to), so its partial first second counts as faulty. Recovered at the first second r ≥ window end from
 * which RECOVERY_SECONDS consecutive seconds all have
 *   error rate ≤ baseline error rate + 1 percentage point   and   p99 ≤ 1.2 × baseline p99;
 * time to recover = r − window end (0 when it was fine at once).
 */
import { maxOf, minOf } from '../util/extrema.js';

/** Consecutive good seconds that count as recovered. */
export const RECOVERY_SECONDS = 3;
/** p99 within this factor of the baseline counts as recovered. */
export const RECOVERY_P99_FACTOR = 1.2;
/** Error rate within this many (absolute) of the baseline counts as recovered. */
export const RECOVERY_ERROR_MARGIN = 0.01;

/** One second of the run. */
export interface SecondStats {
  tSec: number;
  /** Completed requests. */
  requests: number;
  /** Failed requests (errors + backpressure). */
  failures: number;
  /** p99 latency, ms (`null` without requests). */
  p99Ms: number | null;
}

/** A window to judge. */
export interface FaultWindow {
  fromSec: number;
  toSec: number;
}

/** What a window did. */
export interface ChaosEffect extends FaultWindow {
  /** failures / requests over the window (`null` without requests). */
  errorRate: number | null;
  /** p99 over the window's seconds: the largest per-second p99 (conservative; seconds are not merged here). */
  p99Ms: number | null;
  /** Baseline before the first window. */
  baselineErrorRate: number | null;
  baselineP99Ms: number | null;
  /** Seconds from the window's end until recovery; `null` when it had not recovered by the end of the run (or no baseline). */
  recoverySec: number | null;
}

/** Judge each window. `p99OfWindow` may give the exact merged p99 of a span (from the histograms); otherwise the max per-second p99 is used. */
export function chaosEffects(
  seconds: readonly SecondStats[],
  windows: readonly FaultWindow[],
  p99OfSpan?: (fromSec: number, toSec: number) => number | null,
): ChaosEffect[] {
  if (windows.length === 0) return [];
  const first = minOf(windows.map((w) => w.fromSec));
  const base = seconds.filter((s) => s.tSec + 1 <= first && s.requests > 0);
  const baseReq = base.reduce((a, s) => a + s.requests, 0);
  const baselineErrorRate = baseReq ? base.reduce((a, s) => a + s.failures, 0) / baseReq : null;
  const baselineP99Ms = p99OfSpan && base.length ? p99OfSpan(base[0].tSec, base[base.length - 1].tSec + 1) : maxOrNull(base.map((s) => s.p99Ms));
  return windows.map((w) => {
    const inside = seconds.filter((s) => s.tSec + 1 > w.fromSec && s.tSec < w.toSec);
    const req = inside.reduce((a, s) => a + s.requests, 0);
    const errorRate = req ? inside.reduce((a, s) => a + s.failures, 0) / req : null;
    const p99Ms = p99OfSpan ? p99OfSpan(w.fromSec, w.toSec) : maxOrNull(inside.map((s) => s.p99Ms));
    let recoverySec: number | null = null;
    if (baselineErrorRate !== null && baselineP99Ms !== null) {
      const good = (s: SecondStats) =>
        s.requests > 0 && s.failures / s.requests <= baselineErrorRate + RECOVERY_ERROR_MARGIN && s.p99Ms !== null && s.p99Ms <= RECOVERY_P99_FACTOR * baselineP99Ms;
      // seconds from the one the window ends in (a window need not end on a whole second)
      const after = seconds.filter((s) => s.tSec >= Math.floor(w.toSec));
      for (let i = 0; i + RECOVERY_SECONDS <= after.length; i++) {
        if (after.slice(i, i + RECOVERY_SECONDS).every(good)) {
          recoverySec = Math.max(0, after[i].tSec - w.toSec);
          break;
        }
      }
    }
    return { ...w, errorRate, p99Ms, baselineErrorRate, baselineP99Ms, recoverySec };
  });
}

function maxOrNull(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? maxOf(v) : null;
}
