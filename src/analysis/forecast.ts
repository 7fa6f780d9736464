/**
 * Capacity forecast: when does a metric cross its limit?
 *
 * x = days since the first observation. The plain trend is the least-squares line
 * ŷ = a + b·x (simple-statistics), with R², slope t-test and the 95% prediction interval
 *   ŷ(x) ± t_{n−2,0.975} · s · √(1 + 1/n + (x − x̄)²/Sxx),   s = √(SSE/(n − 2)).
 * When a daily or weekly cycle is significant (F-test, see seasonality.ts) the forecast
 * is trend + harmonics and its interval uses that model's residual variance:
 *   ŷ(x) ± t_{n−p,0.975} · s · √(1 + x₀ᵀ(XᵀX)⁻¹x₀).
 * Crossings, measured in days after the last observation:
 *   trend   x* = (T − a)/b            (the trend level; for the seasonal model its trend part)
 *   peak    first x with ŷ(x) ≥ T     (seasonal model: the seasonal peaks cross first)
 *   earliest first x with upper band ≥ T;  latest  first x with lower band ≥ T.
 * "Never" when b ≤ 0, and no significant upward trend when the one-sided t-test on b
 * gives p ≥ α (t = b/se(b), se(b) = s·√[(XᵀX)⁻¹]₁₁ = s/√Sxx for the plain line).
 * Pure: no I/O, no clock.
 */
import { fitLine, slopeTest, type LinearFit } from './regression.js';
import { studentTCritical } from './distributions.js';
import { formatNumber } from '../render/format.js';
import {
  candidateTerms,
  fitSeasonalModel,
  medianStepDays,
  termFor,
  testSeasonalTerm,
  type SeasonalModel,
  type SeasonalTerm,
  type SeasonalityTest,
  type SeasonPeriod,
} from './seasonality.js';

const DAY_SEC = 86_400;
/** How far past the last observation band crossings are searched (days), unless the horizon is longer. */
export const MAX_SEARCH_DAYS = 3650;
/** Fewer points than this give a weak-fit warning. */
export const MIN_GOOD_POINTS = 10;
/** R² below this gives a weak-fit warning. */
export const MIN_GOOD_R2 = 0.5;
/** Fewer points than this cannot be forecast (a prediction interval needs n − 2 ≥ 1). */
export const MIN_POINTS = 3;

/** `auto` tests the cycles the sampling allows; `none` fits the plain trend; a period forces that cycle. */
export type SeasonalityMode = 'auto' | 'none' | SeasonPeriod;

/** One metric's history and its limit. */
export interface ForecastInput {
  metric: string;
  /** Observation times, epoch seconds, strictly increasing. */
  timesSec: readonly number[];
  values: readonly number[];
  /** The limit (same unit as the values); omit to report the trend only. */
  threshold?: number;
  /** How far past the last observation to look (days). */
  horizonDays: number;
  /** Prediction-interval level; default 0.95. */
  level?: number;
  /** Significance level of the slope and seasonality tests; default 0.05. */
  alpha?: number;
  /** Default `auto`. */
  seasonality?: SeasonalityMode;
}

/** When a curve first reaches the limit. */
export interface Crossing {
  status: 'already' | 'within-horizon' | 'beyond-horizon' | 'never';
  /** Days after the last observation (0 for `already`); absent for `never`. */
  daysFromLast?: number;
  /** Epoch seconds of the crossing; absent for `never`. */
  epochSec?: number;
}

/** The model used for the forecast and its trend test. */
export interface ModelSummary {
  kind: 'trend' | 'trend+seasonal';
  /** Seasonal cycles in the model (empty for the plain trend). */
  terms: SeasonalTerm[];
  /** Trend slope, units per day. */
  slopePerDay: number;
  slopeSe: number;
  slopeT: number;
  /** One-sided p-value for slope > 0. */
  slopePUpward: number;
  /** Residual standard error. */
  s: number;
  /** Residual degrees of freedom n − p. */
  df: number;
  /** Critical t for the prediction interval, t_{df,(1+level)/2}. */
  tCrit: number;
  /** R² = 1 − SSE/SST of this model. */
  r2: number;
  /** Largest seasonal excursion above the trend (0 for the plain trend). */
  peakAmplitude: number;
}

/** Forecast values at a point in the future. */
export interface Checkpoint {
  daysFromLast: number;
  epochSec: number;
  forecast: number;
  low: number;
  high: number;
}

/** The highest value of a forecast curve between the last observation and the horizon. */
export interface HorizonPeak {
  value: number;
  daysFromLast: number;
  epochSec: number;
}

export type ForecastVerdict = 'no-limit' | 'already-above' | 'falling' | 'not-significant' | 'within-horizon' | 'beyond-horizon';

/** The forecast of one metric. */
export interface MetricForecast {
  metric: string;
  n: number;
  firstEpochSec: number;
  lastEpochSec: number;
  /** Median spacing of the observations (days). */
  stepDays: number;
  /** Last − first observation (days). */
  spanDays: number;
  lastValue: number;
  horizonDays: number;
  level: number;
  alpha: number;
  /** The plain least-squares line, x = days since the first observation. */
  trend: LinearFit;
  /** Seasonality tests run (empty when the mode is `none` or the sampling allows none). */
  seasonalityTests: SeasonalityTest[];
  /** The model the forecast uses. */
  model: ModelSummary;
  threshold?: number;
  crossing?: {
    /** The trend level reaching the limit. */
    trend: Crossing;
    /** The forecast including seasonal peaks reaching the limit (seasonal model only). */
    peak?: Crossing;
    /** Upper prediction bound reaching the limit. */
    earliest: Crossing;
    /** Lower prediction bound reaching the limit. */
    latest: Crossing;
    /** What the plain trend would say (seasonal model only), to show how it differs. */
    plainTrendEarliest?: Crossing;
  };
  verdict: ForecastVerdict;
  /** One sentence for humans. */
  summary: string;
  /** Forecast at the last point and at ⅓, ⅔ and all of the horizon. */
  checkpoints: Checkpoint[];
  /** Highest forecast (incl. seasonal peaks) and highest upper prediction bound within the horizon. */
  horizonPeak: { forecast: HorizonPeak; upper: HorizonPeak };
  warnings: string[];
}

/** Forecast one metric (see the module comment for the formulas). Throws on fewer than 3 points or unsorted times. */
export function forecastMetric(input: ForecastInput): MetricForecast {
  const { metric, timesSec, values, threshold, horizonDays } = input;
  const level = input.level ?? 0.95;
  const alpha = input.alpha ?? 0.05;
  const mode = input.seasonality ?? 'auto';
  const n = values.length;
  if (n !== timesSec.length) throw new Error('forecastMetric: times and values differ in length');
  if (n < MIN_POINTS) throw new Error(`forecastMetric: need at least ${MIN_POINTS} points, got ${n}`);
  for (let i = 1; i < n; i++) if (!(timesSec[i] > timesSec[i - 1])) throw new Error('forecastMetric: times must be strictly increasing');

  const t0 = timesSec[0];
  const x = timesSec.map((t) => (t - t0) / DAY_SEC);
  const xLast = x[n - 1];
  const stepDays = medianStepDays(x);
  const trend = fitLine(x, values);

  const seasonalityTests = seasonalTests(x, values, mode, trend.sse, alpha);
  const used: SeasonalTerm[] =
    mode === 'auto' ? seasonalityTests.filter((t) => t.significant) : mode === 'none' ? [] : seasonalityTests.map(stripTest);
  const model = fitSeasonalModel(x, values, used);
  const summaryModel = summarise(model, trend, level);

  const toEpoch = (xd: number): number => t0 + xd * DAY_SEC;
  // Curves are scanned on a grid: a quarter day for the plain trend (its bands are smooth: the upper
  // rises, the lower is concave), 96 steps per cycle for seasonal curves; crossings are then bisected.
  const gridStep = Math.min(0.25, ...used.map((t) => t.periodDays / 96));
  const checkpoints = [0, 1 / 3, 2 / 3, 1].map((f) => {
    const xd = xLast + f * horizonDays;
    const mid = model.meanAt(xd);
    const hw = model.halfWidthAt(xd, level);
    return { daysFromLast: f * horizonDays, epochSec: toEpoch(xd), forecast: mid, low: mid - hw, high: mid + hw };
  });

  // Highest forecast and highest upper bound over the horizon, on the grid.
  const highest = (f: (xd: number) => number): HorizonPeak => {
    let best = { value: -Infinity, daysFromLast: 0, epochSec: toEpoch(xLast) };
    for (let d = 0; d <= horizonDays + 1e-9; d += gridStep) {
      const v = f(xLast + d);
      if (v > best.value) best = { value: v, daysFromLast: d, epochSec: toEpoch(xLast + d) };
    }
    return best;
  };
  const horizonPeak = {
    forecast: highest((xd) => model.meanAt(xd)),
    upper: highest((xd) => model.meanAt(xd) + model.halfWidthAt(xd, level)),
  };

  const warnings: string[] = [];
  if (n < MIN_GOOD_POINTS) warnings.push(`${metric}: only ${n} points (fewer than ${MIN_GOOD_POINTS}); the forecast is weak`);
  if (summaryModel.r2 < MIN_GOOD_R2) warnings.push(`${metric}: weak fit, R² = ${formatNumber(summaryModel.r2, 3)} (< ${MIN_GOOD_R2}); the trend explains little of the variation`);
  if (horizonDays > xLast + stepDays) {
    warnings.push(`${metric}: the horizon (${round(horizonDays)} days) is longer than the history (${round(xLast + stepDays)} days); extrapolation is shaky`);
  }
  if (mode !== 'auto' && mode !== 'none' && used.length === 0) {
    warnings.push(`${metric}: ${mode} seasonality needs at least 3 samples per cycle and 3 cycles of history; fitted the plain trend`);
  }

  const base = {
    metric,
    n,
    firstEpochSec: t0,
    lastEpochSec: timesSec[n - 1],
    stepDays,
    spanDays: xLast,
    lastValue: values[n - 1],
    horizonDays,
    level,
    alpha,
    trend,
    seasonalityTests,
    model: summaryModel,
    checkpoints,
    horizonPeak,
    warnings,
  };
  if (threshold === undefined) {
    return { ...base, verdict: 'no-limit', summary: `trend ${signed(summaryModel.slopePerDay)}/day; no limit given` };
  }

  const searchTo = xLast + Math.max(horizonDays, MAX_SEARCH_DAYS);
  const classify = (xd: number | undefined): Crossing => {
    if (xd === undefined) return { status: 'never' };
    const days = Math.max(0, xd - xLast);
    const status = xd <= xLast ? 'already' : days <= horizonDays ? 'within-horizon' : 'beyond-horizon';
    return { status, daysFromLast: days, epochSec: toEpoch(xLast + days) };
  };
  const first = (f: (xd: number) => number): number | undefined => firstCrossing((xd) => f(xd) - threshold, xLast, searchTo, gridStep);

  const b = model.slopePerDay;
  const trendX = model.trendAt(xLast) >= threshold ? xLast : b > 0 ? model.xCenter + (threshold - model.fit.beta[0]) / b : undefined;
  const crossing: NonNullable<MetricForecast['crossing']> = {
    trend: classify(trendX),
    earliest: classify(first((xd) => model.meanAt(xd) + model.halfWidthAt(xd, level))),
    latest: classify(first((xd) => model.meanAt(xd) - model.halfWidthAt(xd, level))),
  };
  if (used.length > 0) {
    crossing.peak = classify(first((xd) => model.meanAt(xd)));
    const plain = fitSeasonalModel(x, values, []);
    crossing.plainTrendEarliest = classify(first((xd) => plain.meanAt(xd) + plain.halfWidthAt(xd, level)));
  }
  const { verdict, summary } = judge(summaryModel, crossing, threshold, alpha, model.meanAt(xLast), toEpoch(xLast), stepDays);
  return { ...base, threshold, crossing, verdict, summary };
}

/**
 * True when the metric is already at its limit, or its trend — the seasonal peaks, when the
 * model has a cycle — significantly rises to the limit within `days` of the last point.
 * (Flat, falling and not-significant trends never count, whatever their bands do.)
 */
export function reachesWithin(f: MetricForecast, days: number): boolean {
  if (f.verdict === 'already-above') return true;
  if (f.verdict !== 'within-horizon' && f.verdict !== 'beyond-horizon') return false;
  const main = f.crossing!.peak ?? f.crossing!.trend;
  return main.daysFromLast !== undefined && main.daysFromLast <= days;
}

/**
 * Why a `--fail-within` check fails, one sentence per metric that reaches its limit within `days`:
 * `cpu_avg reaches its limit 80 on 2024-03-02 (in 34.5 days, seasonal peaks)`, or
 * `cpu_avg is already at or above its limit 80 (last value 83.2)`. Empty when none does.
 */
export function reachesWithinReasons(forecasts: readonly MetricForecast[], days: number): string[] {
  const num = (v: number) => String(Number(v.toPrecision(4)));
  return forecasts
    .filter((f) => reachesWithin(f, days))
    .map((f) => {
      if (f.verdict === 'already-above') return `${f.metric} is already at or above its limit ${num(f.threshold!)} (last value ${num(f.lastValue)})`;
      const main = f.crossing!.peak ?? f.crossing!.trend;
      const date = new Date(main.epochSec! * 1000).toISOString().slice(0, 10);
      return `${f.metric} reaches its limit ${num(f.threshold!)} on ${date} (in ${num(main.daysFromLast!)} days, ${f.crossing!.peak ? 'seasonal peaks' : 'trend'})`;
    });
}

/** F-test the candidate cycles one at a time (shortest first); in `auto` mode each is tested against the trend plus the cycles kept so far. */
function seasonalTests(x: number[], y: readonly number[], mode: SeasonalityMode, sseTrend: number, alpha: number): SeasonalityTest[] {
  if (mode === 'none') return [];
  let terms: SeasonalTerm[];
  if (mode === 'auto') terms = candidateTerms(x);
  else {
    const t = termFor(mode, medianStepDays(x));
    terms = t && x.length - 2 - 2 * t.harmonics >= 1 ? [t] : [];
  }
  const kept: SeasonalTerm[] = [];
  let sse = sseTrend;
  const tests: SeasonalityTest[] = [];
  for (const term of terms) {
    const test = testSeasonalTerm(x, y, term, kept, sse, alpha);
    tests.push(test);
    if (test.significant) {
      kept.push(term);
      sse = test.sseWith;
    }
  }
  return tests;
}

function stripTest(t: SeasonalityTest): SeasonalTerm {
  return { period: t.period, periodDays: t.periodDays, harmonics: t.harmonics };
}

function summarise(model: SeasonalModel, trend: LinearFit, level: number): ModelSummary {
  const { fit } = model;
  const slopeSe = fit.s * Math.sqrt(fit.xtxInv[1][1]);
  const b = fit.beta[1];
  const { slopeT, slopePUpward } = slopeTest(b, slopeSe, fit.df);
  const seasonal = model.terms.length > 0;
  return {
    kind: seasonal ? 'trend+seasonal' : 'trend',
    terms: model.terms,
    slopePerDay: b,
    slopeSe,
    slopeT,
    slopePUpward,
    s: fit.s,
    df: fit.df,
    tCrit: studentTCritical(level, fit.df),
    r2: seasonal ? (trend.sst === 0 ? 1 : 1 - fit.sse / trend.sst) : trend.r2,
    peakAmplitude: model.peakAmplitude,
  };
}

function judge(
  m: ModelSummary,
  c: NonNullable<MetricForecast['crossing']>,
  threshold: number,
  alpha: number,
  fittedNow: number,
  lastEpoch: number,
  stepDays: number,
): { verdict: ForecastVerdict; summary: string } {
  const when = (x: Crossing): string =>
    x.daysFromLast === undefined || x.epochSec === undefined ? 'never' : `${round(x.daysFromLast)} days (${formatEpoch(x.epochSec, stepDays)})`;
  const band = `${Math.round(100 * (1 - alpha))}% band: earliest ${when(c.earliest)}, latest ${c.latest.status === 'never' ? 'never' : when(c.latest)}`;
  const main = c.peak ?? c.trend;
  if (main.status === 'already' || c.trend.status === 'already') {
    return { verdict: 'already-above', summary: `already at or above ${threshold}: the fitted value at the last point (${formatEpoch(lastEpoch, stepDays)}) is ${round(fittedNow)}` };
  }
  if (m.slopePerDay <= 0) {
    const risk = c.earliest.status === 'within-horizon' ? `; but the upper bound reaches it in ${when(c.earliest)}` : '';
    return { verdict: 'falling', summary: `never: the trend is flat or falling (${signed(m.slopePerDay)}/day)${risk}` };
  }
  if (m.slopePUpward >= alpha) {
    const risk = c.earliest.status === 'within-horizon' ? `; the upper bound reaches ${threshold} in ${when(c.earliest)}` : '';
    return {
      verdict: 'not-significant',
      summary: `never (no significant upward trend: ${signed(m.slopePerDay)}/day, t = ${round(m.slopeT)}, p = ${fmtP(m.slopePUpward)} ≥ ${alpha})${risk}`,
    };
  }
  const what = c.peak ? 'seasonal peaks reach' : 'trend reaches';
  const trendToo = c.peak ? `; trend level in ${when(c.trend)}` : '';
  if (main.status === 'within-horizon') {
    return { verdict: 'within-horizon', summary: `${what} ${threshold} in ${when(main)}${trendToo}; ${band}` };
  }
  return { verdict: 'beyond-horizon', summary: `never within the horizon: ${what} ${threshold} in ${when(main)}${trendToo}; ${band}` };
}

/**
 * Smallest x in [from, to] with g(x) ≥ 0: scan a grid of `step`, then bisect the first
 * bracket to 1e-9 days. Returns `from` when g(from) ≥ 0, undefined when never within [from, to].
 */
export function firstCrossing(g: (x: number) => number, from: number, to: number, step: number): number | undefined {
  if (g(from) >= 0) return from;
  let lo = from;
  for (let hi = from + step; lo < to; lo = hi, hi += step) {
    const h = Math.min(hi, to);
    if (g(h) >= 0) {
      let a = lo;
      let b = h;
      while (b - a > 1e-9) {
        const mid = (a + b) / 2;
        if (g(mid) >= 0) b = mid;
        else a = mid;
      }
      return b;
    }
  }
  return undefined;
}

/** `2024-03-30` for data sampled daily or coarser, `2024-03-30 14:05 UTC` for finer data. */
export function formatEpoch(epochSec: number, stepDays: number): string {
  const iso = new Date(Math.round(epochSec) * 1000).toISOString();
  return stepDays >= 1 - 1e-9 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A number for the summary text (src/render/format.ts, 3 significant digits). */
const round = (v: number): string => formatNumber(v, 3);

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${formatNumber(v)}`;
}

function fmtP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
