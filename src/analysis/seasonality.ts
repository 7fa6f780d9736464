/**
 * Seasonality for the forecaster: detect daily (sub-daily data) and weekly (daily or
 * finer data) cycles by fitting trend + Fourier harmonics with least squares, and keep
 * a cycle only when an F-test says its terms reduce the residual variance significantly.
 *
 * Model with seasonal terms (x in days, c = x̄ centres the trend for conditioning):
 *   y = β₀ + β₁·(x − c) + Σ_periods Σ_{k=1..K} [γₖ·sin(2πk·x/P) + δₖ·cos(2πk·x/P)] + ε
 * K = min(3, ⌊(m − 1)/2⌋) harmonics for m samples per period (K = 3 with m = 7 spans every
 * day-of-week pattern, exactly like six day-of-week dummies).
 *
 * Cycles are added one at a time, shortest period first, each F-tested against the model so
 * far (the trend plus the cycles already kept; q = 2K extra terms, p coefficients with them):
 *   F = ((SSE_without − SSE_with) / q) / (SSE_with / (n − p)),  p-value = 1 − F_cdf(F; q, n − p).
 * Testing weekly after daily keeps a strong daily cycle from hiding a weekly one in the residuals.
 * Pure functions, no I/O.
 */
import { fitOls, quadForm, type OlsFit } from './regression.js';
import { fCdf, studentTCritical } from './distributions.js';

/** A seasonal cycle the forecaster can detect. */
export type SeasonPeriod = 'daily' | 'weekly';

/** Period length in days. */
export const PERIOD_DAYS: Record<SeasonPeriod, number> = { daily: 1, weekly: 7 };

/** One seasonal cycle in a model: its period and the number of sin/cos harmonic pairs. */
export interface SeasonalTerm {
  period: SeasonPeriod;
  periodDays: number;
  /** K, the number of sin/cos pairs. */
  harmonics: number;
}

/** The F-test of adding one seasonal cycle to the model so far (the trend plus cycles already kept). */
export interface SeasonalityTest extends SeasonalTerm {
  /** Cycles already in the model this one was added to (empty: tested against the plain trend). */
  base: SeasonPeriod[];
  /** F statistic. */
  f: number;
  /** Numerator degrees of freedom q = 2K. */
  df1: number;
  /** Denominator degrees of freedom n − p, p = coefficients of the model with this cycle. */
  df2: number;
  pValue: number;
  /** pValue < alpha. */
  significant: boolean;
  /** SSE of the model without this cycle. */
  sseWithout: number;
  /** SSE of the model with this cycle. */
  sseWith: number;
}

/** Median spacing between consecutive x values (days). */
export function medianStepDays(xDays: readonly number[]): number {
  const d = xDays.slice(1).map((x, i) => x - xDays[i]).sort((a, b) => a - b);
  if (d.length === 0) return NaN;
  const mid = Math.floor(d.length / 2);
  return d.length % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
}

/**
 * The cycles worth testing for this sampling: a period needs at least 3 samples per cycle
 * (m = P/step ≥ 3), data of daily resolution or finer (step ≤ 1 day), at least 3 whole
 * cycles of history and enough points left for the F-test (n − 2 − 2K ≥ 5).
 */
export function candidateTerms(xDays: readonly number[]): SeasonalTerm[] {
  const n = xDays.length;
  if (n < 3) return [];
  const step = medianStepDays(xDays);
  const span = xDays[n - 1] - xDays[0];
  const out: SeasonalTerm[] = [];
  for (const period of ['daily', 'weekly'] as const) {
    const term = termFor(period, step);
    if (!term || step > 1 + 1e-9 || span < 3 * term.periodDays - step - 1e-9) continue;
    if (n - 2 - 2 * term.harmonics < 5) continue;
    out.push(term);
  }
  return out;
}

/** The harmonic count for a period at this sampling step, or undefined with fewer than 3 samples per cycle. */
export function termFor(period: SeasonPeriod, stepDays: number): SeasonalTerm | undefined {
  const periodDays = PERIOD_DAYS[period];
  const m = Math.round(periodDays / stepDays);
  if (!Number.isFinite(m) || m < 3) return undefined;
  return { period, periodDays, harmonics: Math.min(3, Math.floor((m - 1) / 2)) };
}

/** The seasonal design columns at x (days): [sin(2πk·x/P), cos(2πk·x/P)] for k = 1..K, for each term. */
export function harmonicColumns(xDays: number, terms: readonly SeasonalTerm[]): number[] {
  const cols: number[] = [];
  for (const t of terms) {
    for (let k = 1; k <= t.harmonics; k++) {
      const w = (2 * Math.PI * k * xDays) / t.periodDays;
      cols.push(Math.sin(w), Math.cos(w));
    }
  }
  return cols;
}

/** A fitted trend (+ seasonal) model that can predict, with prediction intervals. */
export interface SeasonalModel {
  terms: SeasonalTerm[];
  /** Centre c of the trend term (days). */
  xCenter: number;
  fit: OlsFit;
  /** Trend level at x: β₀ + β₁·(x − c) (the seasonal terms average to zero over a cycle). */
  trendAt(xDays: number): number;
  /** Slope β₁ (units per day). */
  slopePerDay: number;
  /** Forecast ŷ(x) = trend + seasonal terms. */
  meanAt(xDays: number): number;
  /** Prediction half-width t_{n−p,(1+level)/2} · s · √(1 + x₀ᵀ(XᵀX)⁻¹x₀). */
  halfWidthAt(xDays: number, level: number): number;
  /** Largest seasonal excursion above the trend over a cycle (units of y). */
  peakAmplitude: number;
}

/** Fit y = β₀ + β₁(x − c) + harmonics by least squares. `terms` may be empty (plain trend). */
export function fitSeasonalModel(xDays: readonly number[], y: readonly number[], terms: readonly SeasonalTerm[]): SeasonalModel {
  const xCenter = xDays.reduce((a, b) => a + b, 0) / xDays.length;
  const row = (x: number): number[] => [1, x - xCenter, ...harmonicColumns(x, terms)];
  const fit = fitOls(xDays.map(row), y);
  const seasonal = (x: number): number => {
    const r = row(x);
    let s = 0;
    for (let j = 2; j < r.length; j++) s += r[j] * fit.beta[j];
    return s;
  };
  const longest = Math.max(0, ...terms.map((t) => t.periodDays));
  let peakAmplitude = 0;
  if (longest > 0) {
    // Sample one full cycle of the longest period finely (1/2016 of it: 5-minute steps for a week).
    const steps = 2016;
    peakAmplitude = -Infinity;
    for (let i = 0; i < steps; i++) peakAmplitude = Math.max(peakAmplitude, seasonal((i * longest) / steps));
  }
  const trendAt = (x: number): number => fit.beta[0] + fit.beta[1] * (x - xCenter);
  const tCache = new Map<number, number>();
  const tFor = (level: number): number => {
    let t = tCache.get(level);
    if (t === undefined) tCache.set(level, (t = studentTCritical(level, fit.df)));
    return t;
  };
  return {
    terms: [...terms],
    xCenter,
    fit,
    trendAt,
    slopePerDay: fit.beta[1],
    meanAt: (x) => trendAt(x) + seasonal(x),
    halfWidthAt: (x, level) => tFor(level) * fit.s * Math.sqrt(1 + quadForm(fit.xtxInv, row(x))),
    peakAmplitude,
  };
}

/**
 * F-test of adding `term` to the trend + `base` cycles whose SSE is `sseWithout` (see the module
 * comment; with an empty base it is the test against the plain trend).
 */
export function testSeasonalTerm(
  xDays: readonly number[],
  y: readonly number[],
  term: SeasonalTerm,
  base: readonly SeasonalTerm[],
  sseWithout: number,
  alpha: number,
): SeasonalityTest {
  const full = fitSeasonalModel(xDays, y, [...base, term]).fit;
  const df1 = 2 * term.harmonics;
  const df2 = full.df;
  const sseWith = Math.min(full.sse, sseWithout);
  // An exact straight line leaves only rounding noise: nothing for a cycle to explain.
  const scale = y.reduce((a, v) => a + v * v, 0);
  let f: number;
  if (sseWithout <= 1e-20 * scale) f = 0;
  else if (sseWith === 0) f = Infinity;
  else f = (sseWithout - sseWith) / df1 / (sseWith / df2);
  const pValue = f === Infinity ? 0 : 1 - fCdf(f, df1, df2);
  return { ...term, base: base.map((b) => b.period), f, df1, df2, pValue, significant: pValue < alpha, sseWithout, sseWith };
}
