/**
 * A two-sample test on per-run values: the run, not the second, is the unit of replication.
 *
 * Seconds inside one run share the machine's state (neighbours, CPU frequency, heap, JIT), so
 * a test over seconds sees none of the run-to-run variation that dominates CI noise. Here each
 * run contributes ONE value (its p99, its rps…), and the test asks whether the current runs
 * differ from the baseline runs by more than identical runs differ from each other.
 */
import { studentTCdf, studentTCritical } from '../analysis/distributions.js';

/** The scale the test works on: `log` for positive quantities judged by ratio, `linear` for differences. */
export type TestScale = 'log' | 'linear';

/** The answer of {@link pooledRunTest}. */
export interface RunTest {
  scale: TestScale;
  nBaseline: number;
  nCurrent: number;
  /** Mean of the baseline and current runs on the test scale (ȳ_b, ȳ_c; log scale: ln of the geometric mean). */
  meanBaseline: number;
  meanCurrent: number;
  /** d = ȳ_c − ȳ_b on the test scale. */
  diff: number;
  /** Pooled standard deviation of one run on the test scale, s_p; NaN when df = 0. */
  sdRun: number;
  /** Standard error of d, s_p·√(1/n_b + 1/n_c); NaN when df = 0. */
  se: number;
  /** Degrees of freedom n_b + n_c − 2. */
  df: number;
  /** t = d / se (±Infinity when se = 0 and d ≠ 0, 0 when both are 0, NaN when df = 0). */
  t: number;
  /** One-sided p-values: P(T ≥ t) for "current is greater", P(T ≤ t) for "current is less"; NaN when df = 0. */
  pGreater: number;
  pLess: number;
  /** Two-sided confidence interval of d at `confidence`: d ± t_{df,(1+c)/2}·se; [NaN, NaN] when df = 0. */
  ci: [number, number];
  confidence: number;
}

const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / v.length;
const sumSq = (v: readonly number[], m: number) => v.reduce((a, x) => a + (x - m) ** 2, 0);

/**
 * Pooled (Student) two-sample t-test of per-run values, current against baseline.
 *
 * y = ln(value) on the log scale (every value must be > 0), y = value on the linear scale.
 *   d   = ȳ_c − ȳ_b
 *   s_p² = [Σ(y_b − ȳ_b)² + Σ(y_c − ȳ_c)²] / (n_b + n_c − 2)
 *   se  = s_p · √(1/n_b + 1/n_c),   t = d / se,   df = n_b + n_c − 2
 *   p(greater) = 1 − F_t(t; df),  p(less) = F_t(t; df)
 *   CI: d ± t_{df, (1+c)/2} · se
 * Under "no change" identical runs have the same spread on both sides, which is what pooling
 * assumes. With ONE current run and n_b ≥ 3 baseline runs this is exactly the prediction
 * interval of a new run: (y_c − ȳ_b) / (s_b·√(1 + 1/n_b)) ~ t(n_b − 1), the noise band the
 * baseline runs recorded. With one run per side df = 0 and there is no test (NaN).
 */
export function pooledRunTest(baseline: readonly number[], current: readonly number[], scale: TestScale, confidence = 0.95): RunTest {
  if (baseline.length === 0 || current.length === 0) throw new Error('pooledRunTest: each side needs at least one run');
  const tr = (v: number) => (scale === 'log' ? Math.log(v) : v);
  const yb = baseline.map(tr);
  const yc = current.map(tr);
  if ([...yb, ...yc].some((y) => !Number.isFinite(y))) throw new Error(`pooledRunTest: values must be finite${scale === 'log' ? ' and > 0' : ''}`);
  const nBaseline = yb.length;
  const nCurrent = yc.length;
  const meanBaseline = mean(yb);
  const meanCurrent = mean(yc);
  const diff = meanCurrent - meanBaseline;
  const df = nBaseline + nCurrent - 2;
  const base = { scale, nBaseline, nCurrent, meanBaseline, meanCurrent, diff, df, confidence };
  if (df === 0) return { ...base, sdRun: NaN, se: NaN, t: NaN, pGreater: NaN, pLess: NaN, ci: [NaN, NaN] };
  const sdRun = Math.sqrt((sumSq(yb, meanBaseline) + sumSq(yc, meanCurrent)) / df);
  const se = sdRun * Math.sqrt(1 / nBaseline + 1 / nCurrent);
  // Identical values on both sides (se = 0): no spread, so any difference is certain and none is no evidence.
  const t = se > 0 ? diff / se : diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
  const cdf = Number.isFinite(t) ? studentTCdf(t, df) : t > 0 ? 1 : 0;
  const pGreater = t === 0 && se === 0 ? 1 : 1 - cdf;
  const pLess = t === 0 && se === 0 ? 1 : cdf;
  const half = se > 0 ? studentTCritical(confidence, df) * se : 0;
  return { ...base, sdRun, se, t, pGreater, pLess, ci: [diff - half, diff + half] };
}

/**
 * Rough runs per side for the one-sided test to reach tail `tail` at the effect seen, with the
 * same run-to-run spread: n·(t_needed / t_now)², t_needed ≈ Φ⁻¹-like critical value replaced by
 * the t critical value at the larger sample (df = 2n' − 2, iterated), t_now the observed t with
 * n runs per side (t grows with √n at a fixed effect). NaN when t_now ≤ 0 or not finite.
 */
export function runsToSettle(nPerSide: number, tNow: number, tail: number): number {
  if (!(tNow > 0) || !Number.isFinite(tNow)) return NaN;
  let n = Math.max(2, nPerSide);
  for (let i = 0; i < 50; i++) {
    const needed = studentTCritical(1 - 2 * tail, Math.max(1, 2 * n - 2));
    const next = Math.max(nPerSide + 1, Math.ceil(nPerSide * (needed / tNow) ** 2));
    if (next === n) break;
    n = next;
    if (n > 10_000) return NaN;
  }
  return n;
}
