/**
 * Whether a USL fit may be quoted as a capacity figure, or only the measured points may.
 * A hard-capped target (a fixed pool of workers) measures a flat top that the USL's smooth
 * curve cannot follow: the fit then overshoots the first points and puts λ/σ far above
 * anything measured. A capacity planner must get the measured maximum and the knee first,
 * and the USL ceiling only as a labelled extrapolation. Pure.
 */
import { USL_MIN_GOOD_R2, type UslFit } from '../analysis/usl.js';
import { formatNumber, formatValue } from '../render/format.js';

/** Fraction of the measured maximum that marks the knee (first point ≥ 90% of the maximum). */
export const KNEE_FRACTION = 0.9;
/** The fit's ceiling (λ/σ or X(N*)) may exceed the measured maximum by at most this fraction. */
export const MAX_CEILING_OVERSHOOT = 0.2;
/** The {@link FLAT_TOP_POINTS} largest concurrencies all within this fraction of the maximum = a flat top (a hard cap). */
export const FLAT_TOP_BAND = 0.03;
/** How many of the largest concurrencies must sit on the flat top. */
export const FLAT_TOP_POINTS = 3;

/** The measured curve's answer, and whether the USL fit may headline. */
export interface UslTrust {
  /** True when none of the reasons below applies. */
  trusted: boolean;
  /** Why the fit is not trusted, in plain words (empty when trusted). */
  reasons: string[];
  /** Largest measured throughput and its concurrency (the smallest one on ties). */
  measuredMax: { concurrency: number; throughput: number };
  /** First concurrency (ascending) whose throughput is ≥ 90% of the measured maximum. */
  knee: { concurrency: number; throughput: number };
  /** The fit's ceiling: X(N*) with a finite peak, else λ/σ; null when it grows linearly. */
  ceiling: number | null;
  /** ceiling / measured max − 1 (null without a ceiling). */
  ceilingOvershoot: number | null;
}

/**
 * Judge a USL fit against its own measured points (`fit.fitted`). Not trusted when
 * - R² < 0.9 (USL_MIN_GOOD_R2), or
 * - the curve is flat-topped: the 3 largest concurrencies all reach ≥ 97% of the maximum
 *   (a retrograde USL peak falls off faster than that on a doubling grid), or
 * - the ceiling exceeds the measured maximum by > 20%: ceiling / max(x) − 1 > 0.2.
 */
export function assessUslFit(fit: UslFit): UslTrust {
  const pts = [...fit.fitted].sort((a, b) => a.n - b.n);
  const best = pts.reduce((m, p) => (p.x > m.x ? p : m), pts[0]);
  const kneePoint = pts.find((p) => p.x >= KNEE_FRACTION * best.x) ?? best;
  const ceiling = fit.peak ? fit.peak.throughput : fit.asymptoticThroughput;
  const overshoot = ceiling === null ? null : ceiling / best.x - 1;
  const reasons: string[] = [];
  if (fit.rSquared < USL_MIN_GOOD_R2) reasons.push(`R² = ${formatNumber(fit.rSquared, 3)} < ${USL_MIN_GOOD_R2}`);
  const top = pts.slice(-FLAT_TOP_POINTS);
  if (pts.length > FLAT_TOP_POINTS && top.every((p) => p.x >= (1 - FLAT_TOP_BAND) * best.x)) {
    reasons.push(
      `flat top: concurrency ${top.map((p) => p.n).join(', ')} all within ${FLAT_TOP_BAND * 100}% of the maximum (a hard cap the USL curve cannot follow)`,
    );
  }
  if (overshoot !== null && overshoot > MAX_CEILING_OVERSHOOT) {
    reasons.push(`its ceiling ${formatValue(ceiling!, 'per-sec')} is ${Math.round(overshoot * 100)}% above the measured maximum ${formatValue(best.x, 'per-sec')}`);
  }
  return {
    trusted: reasons.length === 0,
    reasons,
    measuredMax: { concurrency: best.n, throughput: best.x },
    knee: { concurrency: kneePoint.n, throughput: kneePoint.x },
    ceiling,
    ceilingOvershoot: overshoot,
  };
}
