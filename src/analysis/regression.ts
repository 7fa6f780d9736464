/**
 * Least-squares regression used by the forecaster: the simple straight-line fit
 * (with its slope t-test and prediction interval) and a small general OLS
 * (design matrix → coefficients, (XᵀX)⁻¹ and residual variance) for trend + seasonal
 * models. Pure functions, no I/O.
 */
import { linearRegression } from 'simple-statistics';
import { studentTCdf, studentTCritical } from './distributions.js';

/** A straight line y = intercept + slope·x fitted by least squares, with the statistics a forecast needs. */
export interface LinearFit {
  /** Number of points. */
  n: number;
  intercept: number;
  /** Units of y per unit of x. */
  slope: number;
  /** x̄, the mean of x. */
  xMean: number;
  /** Sxx = Σ(xᵢ − x̄)². */
  sxx: number;
  /** SSE = Σ(yᵢ − ŷᵢ)², the residual sum of squares. */
  sse: number;
  /** SST = Σ(yᵢ − ȳ)². */
  sst: number;
  /** Residual standard error s = √(SSE / (n − 2)). */
  s: number;
  /** R² = 1 − SSE/SST (1 when SST = 0 and the fit is exact). */
  r2: number;
  /** Standard error of the slope, se(b) = s / √Sxx. */
  slopeSe: number;
  /** t = b / se(b), with n − 2 degrees of freedom (±∞ when s = 0). */
  slopeT: number;
  /** One-sided p-value for H₁: slope > 0, p = 1 − F_t(t; n − 2). */
  slopePUpward: number;
}

/** Fit y = a + b·x by least squares (needs n ≥ 3 and at least two distinct x). */
export function fitLine(x: readonly number[], y: readonly number[]): LinearFit {
  const n = x.length;
  if (n !== y.length) throw new Error('fitLine: x and y differ in length');
  if (n < 3) throw new Error('fitLine: need at least 3 points');
  const xMean = mean(x);
  const yMean = mean(y);
  let sxx = 0;
  for (const xi of x) sxx += (xi - xMean) ** 2;
  if (sxx === 0) throw new Error('fitLine: all x are equal');
  const { m: slope, b: intercept } = linearRegression(x.map((xi, i) => [xi, y[i]]));
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (y[i] - (intercept + slope * x[i])) ** 2;
    sst += (y[i] - yMean) ** 2;
  }
  // Guard against rounding noise on exact data: SSE cannot exceed SST nor be negative.
  sse = Math.max(0, Math.min(sse, sst));
  const df = n - 2;
  const s = Math.sqrt(sse / df);
  const r2 = sst === 0 ? 1 : 1 - sse / sst;
  const slopeSe = s / Math.sqrt(sxx);
  return { n, intercept, slope, xMean, sxx, sse, sst, s, r2, slopeSe, ...slopeTest(slope, slopeSe, df) };
}

/**
 * One-sided t-test that a slope is > 0: t = b / SE(b), p = P(T_df ≥ t) = 1 − F_t(t; df).
 * An exact fit (SE = 0) gives t = ±∞ (or 0 for a zero slope) and p = 0 or 1.
 */
export function slopeTest(slope: number, slopeSe: number, df: number): { slopeT: number; slopePUpward: number } {
  const slopeT = slopeSe === 0 ? (slope === 0 ? 0 : Math.sign(slope) * Infinity) : slope / slopeSe;
  const slopePUpward = Number.isFinite(slopeT) ? 1 - studentTCdf(slopeT, df) : slopeT > 0 ? 0 : 1;
  return { slopeT, slopePUpward };
}

/**
 * Half-width of the prediction interval of a new observation at x for a straight-line fit:
 * t_{n−2,(1+level)/2} · s · √(1 + 1/n + (x − x̄)²/Sxx).
 */
export function linePredictionHalfWidth(fit: LinearFit, x: number, level: number): number {
  return studentTCritical(level, fit.n - 2) * fit.s * Math.sqrt(1 + 1 / fit.n + (x - fit.xMean) ** 2 / fit.sxx);
}

/** A general least-squares fit y = Xβ. */
export interface OlsFit {
  /** Coefficients β, one per design column. */
  beta: number[];
  /** (XᵀX)⁻¹, for prediction variances. */
  xtxInv: number[][];
  /** Residual sum of squares. */
  sse: number;
  /** Residual degrees of freedom n − p. */
  df: number;
  /** Residual standard error s = √(SSE / (n − p)). */
  s: number;
}

/** Fit y = Xβ by least squares via the normal equations (XᵀX)β = Xᵀy. Throws if XᵀX is singular or n ≤ p. */
export function fitOls(rows: readonly (readonly number[])[], y: readonly number[]): OlsFit {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n <= p) throw new Error(`fitOls: need more points (${n}) than coefficients (${p})`);
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < p; j++) {
      xty[j] += r[j] * y[i];
      for (let k = j; k < p; k++) xtx[j][k] += r[j] * r[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtx[j][k] = xtx[k][j];
  const xtxInv = invert(xtx);
  const beta = xtxInv.map((row) => dot(row, xty));
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - dot(rows[i], beta)) ** 2;
  const df = n - p;
  return { beta, xtxInv, sse, df, s: Math.sqrt(sse / df) };
}

/** Leverage-style quadratic form x₀ᵀ(XᵀX)⁻¹x₀ for a design row x₀. */
export function quadForm(xtxInv: readonly (readonly number[])[], row: readonly number[]): number {
  let q = 0;
  for (let j = 0; j < row.length; j++) q += row[j] * dot(xtxInv[j], row);
  return q;
}

/** Σ aᵢ·bᵢ. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function mean(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}

/** Gauss–Jordan inverse with partial pivoting of a small square matrix. */
function invert(m: number[][]): number[][] {
  const p = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...m.map((row, i) => Math.abs(row[i])), 1e-300);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    if (Math.abs(a[piv][c]) <= 1e-12 * scale) throw new Error('fitOls: design matrix is singular');
    [a[c], a[piv]] = [a[piv], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * p; k++) a[c][k] /= d;
    for (let r = 0; r < p; r++) {
      if (r === c || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * p; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row) => row.slice(p));
}
