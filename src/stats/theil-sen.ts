/**
 * Theil–Sen robust line fit with Sen's (1968) distribution-free confidence interval for the slope.
 * The slope is the median of all pairwise slopes, so up to ~29% of outlying points (a GC spike,
 * a stalled scrape) cannot move it, unlike least squares.
 */
import { median } from 'simple-statistics';
import { normalQuantile } from './normal.js';

/** A Theil–Sen fit y ≈ intercept + slope·x. */
export interface TheilSenFit {
  /** Median pairwise slope, y units per x unit. */
  slope: number;
  /** Lower end of the slope's confidence interval. */
  slopeLow: number;
  /** Upper end of the slope's confidence interval. */
  slopeHigh: number;
  /** median(yᵢ − slope·xᵢ). */
  intercept: number;
  /** Points used. */
  n: number;
  /** Confidence level of [slopeLow, slopeHigh]. */
  level: number;
}

/**
 * Fit a line to (x, y). Needs ≥ 2 points with distinct x (`undefined` otherwise).
 *   Sᵢⱼ = (yⱼ − yᵢ) / (xⱼ − xᵢ) for i < j, xᵢ ≠ xⱼ;  slope = median(Sᵢⱼ);  N = number of slopes
 *   Var(S) = n(n − 1)(2n + 5) / 18   (Kendall's S without ties)
 *   C = z₍₁₋α/₂₎ · √Var(S);  M₁ = (N − C) / 2;  M₂ = (N + C) / 2
 *   slopeLow = the M₁-th smallest slope, slopeHigh = the (M₂ + 1)-th smallest (Gilbert 1987, §16.4),
 * clamped to the smallest and largest slope when n is too small for the level.
 */
export function theilSen(x: readonly number[], y: readonly number[], level = 0.95): TheilSenFit | undefined {
  const n = Math.min(x.length, y.length);
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - x[i];
      if (dx !== 0) slopes.push((y[j] - y[i]) / dx);
    }
  }
  if (slopes.length === 0) return undefined;
  const sorted = Float64Array.from(slopes).sort();
  const N = sorted.length;
  const slope = median(slopes);
  const c = normalQuantile(1 - (1 - level) / 2) * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const m1 = Math.round((N - c) / 2);
  const m2 = Math.round((N + c) / 2);
  const at = (rank1: number) => sorted[Math.min(N - 1, Math.max(0, rank1 - 1))];
  const residuals: number[] = [];
  for (let i = 0; i < n; i++) residuals.push(y[i] - slope * x[i]);
  return { slope, slopeLow: at(m1), slopeHigh: at(m2 + 1), intercept: median(residuals), n, level };
}
