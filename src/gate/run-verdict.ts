/**
 * The regression verdict on replicated runs: each run contributes one value per metric and
 * scope, and the decision weighs the change against run-to-run noise.
 *
 * Designs, by the number of runs on each side:
 * - `replicated`: ≥ 2 runs on each side — a pooled t-test on the per-run values
 *   ({@link pooledRunTest}); fail = beyond the limit AND significant after the correction.
 * - `noise-band`: one run on one side, ≥ 3 on the other — the same test, which then is the
 *   prediction band of one new run around the ≥ 3 recorded runs.
 * - `default-band`: anything less (1 vs 1, 1 vs 2) — run noise cannot be separated from a change,
 *   so the check fails only beyond the limit AND beyond a conservative default band
 *   ({@link DEFAULT_NOISE_BANDS}); between the limit and the band it is inconclusive.
 */
import { pooledRunTest, runsToSettle, type RunTest } from '../stats/run-test.js';
import { REGRESSION_METRICS, type RegressionMetric } from './metrics.js';

export type RunDesign = 'replicated' | 'noise-band' | 'default-band';

/** Fewest runs on the other side for a single run to be judged against their noise band. */
export const MIN_BAND_RUNS = 3;

/**
 * Default noise bands for one run against one run with no history: how far the worse-direction
 * change between two runs of the SAME system may go on a busy shared machine. Relative for
 * latency and rps (a fraction of the baseline), absolute for error_rate (a fraction, 0.01 = 1 pp).
 * Sized from measurements on a 2-core machine shared with other jobs (docs/gate.md): in
 * `npm run bench:gate` (300 pairs of identical 5 s runs, two noisy neighbours, load 6–13) the
 * largest ratio between two runs of one unchanged system was p50 ×3.45, p90 ×22.1, mean ×9.5,
 * p99 ×26.8, rps ×1.01; in quieter 2 s runs (load 3–6, 45 pairs) p50 ×1.32, p99 ×5.35; six 20 s runs
 * moved p99 by +62% (issue 8). Each band is above the largest such change (p50 ×4, p90 ×30,
 * p99 ×40), so one run against one run fails only on a change no noise measured here reached:
 * a single run per side can only catch an order-of-magnitude change; record ≥ 3 runs per side.
 */
export const DEFAULT_NOISE_BANDS: Record<RegressionMetric, number> = {
  p50: 3,
  p90: 29,
  p95: 34,
  p99: 39,
  p999: 59,
  mean: 14,
  rps: 0.25,
  error_rate: 0.02,
};

/** The evidence of one regression check across runs. */
export interface RunEvidence {
  metric: RegressionMetric;
  design: RunDesign;
  runsBaseline: number;
  runsCurrent: number;
  /** Per-run values (ms, req/s or fraction), in the order given. */
  baselineRuns: number[];
  currentRuns: number[];
  /** Typical value of each side: the geometric mean of the runs (log scale) or their mean (linear scale). */
  baseline: number;
  current: number;
  /** The change on the limit's scale: current/baseline − 1 (relative) or current − baseline (absolute). */
  change: number;
  /** Interval of the change at the test's confidence ([NaN, NaN] for `default-band`). */
  ci: [number, number];
  /** One-sided p-value for "current is worse" (NaN for `default-band`: there is no test). */
  pWorse: number;
  /** The run-level test (absent for `default-band`). */
  test?: RunTest;
  /** `default-band` only: the band and the change on its scale (relative, or absolute for error_rate). */
  band?: { amount: number; change: number };
}

/** How a regression limit is written (see regression-expr.ts). */
export interface LimitSpec {
  kind: 'relative' | 'absolute';
  /** Allowed change in the worse direction, ≥ 0. */
  amount: number;
}

function designFor(nb: number, nc: number): RunDesign {
  if (nb >= 2 && nc >= 2) return 'replicated';
  if (Math.max(nb, nc) >= MIN_BAND_RUNS) return 'noise-band';
  return 'default-band';
}

const geoMean = (v: readonly number[]) => Math.exp(v.reduce((a, x) => a + Math.log(x), 0) / v.length);
const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / v.length;

/**
 * Gather the evidence of one check from per-run values (every value finite).
 * Relative limits work on the log scale (ratio of geometric means, multiplicative run noise);
 * absolute limits and values that are not all > 0 on the linear scale (difference of means).
 */
export function runEvidence(metric: RegressionMetric, baselineRuns: number[], currentRuns: number[], limit: LimitSpec, confidence = 0.95): RunEvidence {
  const def = REGRESSION_METRICS[metric];
  const positive = [...baselineRuns, ...currentRuns].every((v) => v > 0);
  const scale = limit.kind === 'relative' && positive ? 'log' : 'linear';
  const design = designFor(baselineRuns.length, currentRuns.length);
  const common = { metric, design, runsBaseline: baselineRuns.length, runsCurrent: currentRuns.length, baselineRuns, currentRuns };
  const baseline = scale === 'log' ? geoMean(baselineRuns) : mean(baselineRuns);
  const current = scale === 'log' ? geoMean(currentRuns) : mean(currentRuns);
  const toChange = (d: number) => (scale === 'log' ? Math.expm1(d) : limit.kind === 'relative' ? d / baseline : d);
  const change = scale === 'log' ? current / baseline - 1 : limit.kind === 'relative' ? (baseline !== 0 ? current / baseline - 1 : current === 0 ? 0 : Infinity) : current - baseline;
  if (design === 'default-band') {
    // The band's scale: relative (ratio of geometric means) for latency and rps, absolute for error_rate.
    const bandChange = def.unit === 'fraction' ? mean(currentRuns) - mean(baselineRuns) : positive ? geoMean(currentRuns) / geoMean(baselineRuns) - 1 : change;
    return { ...common, baseline, current, change, ci: [NaN, NaN], pWorse: NaN, band: { amount: DEFAULT_NOISE_BANDS[metric], change: bandChange } };
  }
  const test = pooledRunTest(baselineRuns, currentRuns, scale, confidence);
  const pWorse = def.worse === 'up' ? test.pGreater : test.pLess;
  return { ...common, baseline, current, change, ci: [toChange(test.ci[0]), toChange(test.ci[1])], pWorse, test };
}

/** Why a check ended as it did. */
export type VerdictReason =
  | 'within-limit'
  | 'significant'
  | 'not-significant'
  | 'beyond-band'
  | 'within-band';

/** The verdict of one regression check. */
export interface RunVerdict {
  verdict: 'pass' | 'fail' | 'inconclusive';
  reason: VerdictReason;
  beyondLimit: boolean;
  /** Replicated / noise-band only: adjusted p < α. */
  significant?: boolean;
  /** Inconclusive replicated checks: rough runs per side that would settle it (NaN when the runs do not lean the worse way). */
  runsNeeded?: number;
}

/**
 * Decide one check. `pAdjusted` is its p-value after the correction over every tested check.
 *
 * beyond = worse(change) > amount, worse(x) = x for latency and error_rate, −x for rps.
 * - replicated / noise-band: fail ⇔ beyond ∧ p_adj < α; beyond ∧ p_adj ≥ α → inconclusive
 *   (with runs per side that would likely settle it: n·(t_needed/t_now)², see {@link runsToSettle});
 * - default-band: fail ⇔ beyond ∧ worse(band change) > band; beyond otherwise → inconclusive
 *   ("record ≥ 3 runs per side").
 * Inconclusive passes: it never fails the build, and it is reported.
 */
export function judgeRun(ev: RunEvidence, limit: LimitSpec, pAdjusted: number, alpha: number, tail: number): RunVerdict {
  const worseUp = REGRESSION_METRICS[ev.metric].worse === 'up';
  const worse = (v: number) => (worseUp ? v : -v);
  const beyondLimit = worse(ev.change) > limit.amount;
  if (ev.design === 'default-band') {
    const beyondBand = worse(ev.band!.change) > ev.band!.amount;
    if (!beyondLimit) return { verdict: 'pass', reason: 'within-limit', beyondLimit };
    return beyondBand ? { verdict: 'fail', reason: 'beyond-band', beyondLimit } : { verdict: 'inconclusive', reason: 'within-band', beyondLimit };
  }
  const significant = pAdjusted < alpha;
  if (!beyondLimit) return { verdict: 'pass', reason: 'within-limit', beyondLimit, significant };
  if (significant) return { verdict: 'fail', reason: 'significant', beyondLimit, significant };
  const t = ev.test!;
  const nEff = 2 / (1 / t.nBaseline + 1 / t.nCurrent);
  return { verdict: 'inconclusive', reason: 'not-significant', beyondLimit, significant, runsNeeded: runsToSettle(nEff, worse(t.t), tail) };
}

/**
 * Two-sided p-value of the run-level test, for comparisons without a bad direction (compare):
 * p = min(1, 2·min(P(T ≥ t), P(T ≤ t))). NaN when there is no test (one run per side).
 */
export function twoSidedP(ev: RunEvidence): number {
  if (!ev.test) return NaN;
  return Math.min(1, 2 * Math.min(ev.test.pGreater, ev.test.pLess));
}

/**
 * `default-band` evidence in either direction (compare): is the change beyond what two runs of the
 * same system do? Relative bands are symmetric on the log scale, |ln(1 + change)| > |ln(1 ± band)|
 * (+ for metrics worse up, − for rps, whose band is a drop); absolute bands (error_rate) |change| > band.
 * Undefined for designs with a test.
 */
export function beyondBandEitherWay(ev: RunEvidence): boolean | undefined {
  if (!ev.band) return undefined;
  const { amount, change } = ev.band;
  if (REGRESSION_METRICS[ev.metric].unit === 'fraction') return Math.abs(change) > amount;
  const bandLog = Math.abs(Math.log(REGRESSION_METRICS[ev.metric].worse === 'up' ? 1 + amount : 1 - amount));
  return Math.abs(Math.log1p(change)) > bandLog;
}
