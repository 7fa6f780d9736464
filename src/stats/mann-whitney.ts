import { normalCdf } from './normal.js';

/** Which direction the alternative hypothesis looks in: is `x` stochastically greater, less, or different from `y`? */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Result of a Mann–Whitney U test of sample `x` against sample `y`. */
export interface MannWhitneyResult {
  /** U statistic of `x`: the number of pairs (xi, yj) with xi > yj, ties counting 1/2. */
  u: number;
  /** Standardised statistic (normal approximation, tie- and continuity-corrected); 0 for the exact method. */
  z: number;
  /** p-value for the chosen alternative, in [0, 1]. */
  pValue: number;
  /** `exact` (small samples without ties) or `normal` (normal approximation with tie correction). */
  method: 'exact' | 'normal';
  nX: number;
  nY: number;
}

/**
 * Average ranks (1-based) of the pooled values, ties sharing the mean of their ranks,
 * plus the tie term Σ(t³ − t) over groups of t tied values.
 */
export function rankWithTies(values: ArrayLike<number>): { ranks: Float64Array; tieTerm: number } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const t = j - i + 1;
    const avg = (i + j + 2) / 2; // mean of ranks i+1 … j+1
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/** Largest sample size (each side) for which the exact null distribution is used when there are no ties. */
export const EXACT_MAX_N = 25;

/**
 * Exact null distribution of U for sample sizes (m, n) without ties: counts of the
 * C(m+n, m) arrangements giving each U, by the recurrence
 * f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u), returned as probabilities.
 */
function exactUDistribution(m: number, n: number): Float64Array {
  // dp[j][u] for the current i (number of x's), iterating i = 0..m.
  const maxU = m * n;
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(maxU + 1));
  for (let j = 0; j <= n; j++) prev[j][0] = 1; // i = 0: one arrangement, U = 0
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(maxU + 1));
    cur[0][0] = 1; // j = 0: U = 0
    for (let j = 1; j <= n; j++) {
      for (let u = 0; u <= i * j; u++) {
        // Largest element is an x (beats all j y's) or a y (adds nothing).
        cur[j][u] = (u >= j ? prev[j][u - j] : 0) + cur[j - 1][u];
      }
    }
    prev = cur;
  }
  const counts = prev[n];
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => c / total);
}

/**
 * Exact permutation distribution of the x rank sum WITH ties (conditional on the tie pattern):
 * every way of choosing which nX of the N pooled values belong to x is equally likely under the
 * null. Ranks are doubled so mid-ranks are integers; counts[S] = number of nX-subsets whose
 * doubled ranks sum to S, by the subset-sum recurrence over the pooled values
 * c_i(k, S) = c_{i−1}(k, S) + c_{i−1}(k − 1, S − 2·rank_i). Counts stay exact in doubles
 * (C(50, 25) ≈ 1.3·10¹⁴ < 2⁵³).
 */
function exactTiedRankSumCounts(ranks: Float64Array, nX: number): Float64Array {
  const r2 = Array.from(ranks, (r) => Math.round(2 * r));
  const maxS = r2.reduce((a, v) => a + v, 0);
  const width = maxS + 1;
  const dp = new Float64Array((nX + 1) * width);
  dp[0] = 1;
  r2.forEach((r, i) => {
    for (let k = Math.min(i + 1, nX); k >= 1; k--) {
      const row = k * width;
      const prev = (k - 1) * width;
      for (let sum = maxS; sum >= r; sum--) dp[row + sum] += dp[prev + sum - r];
    }
  });
  return dp.subarray(nX * width, (nX + 1) * width);
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum) of `x` against `y`.
 *
 * U_x = R_x − n_x(n_x + 1)/2, where R_x is the sum of the pooled ranks of x (ties averaged).
 * Normal approximation: mean μ = n_x·n_y/2,
 * σ² = n_x·n_y/12 · [(N + 1) − Σ(t³ − t) / (N(N − 1))], N = n_x + n_y,
 * z = (U_x − μ ∓ 0.5) / σ (continuity correction towards μ);
 * p(greater) = Φ(−z), p(less) = Φ(z), p(two-sided) = 2·min(one-sided), capped at 1.
 * With both samples ≤ {@link EXACT_MAX_N}, p comes from the exact null distribution: of U without
 * ties, or, with ties, the exact permutation distribution of the mid-rank sum (short runs have few
 * seconds and per-second percentiles tie on HDR bucket edges; the normal approximation is far
 * too conservative there: 9 vs 9 completely separated gives 2·10⁻⁴ instead of 1/C(18, 9) = 2·10⁻⁵).
 * When σ = 0 (every value equal) there is no evidence either way: p = 1.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): MannWhitneyResult {
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) return { u: 0, z: 0, pValue: 1, method: 'normal', nX, nY };
  const pooled = new Float64Array(nX + nY);
  for (let i = 0; i < nX; i++) pooled[i] = x[i];
  for (let i = 0; i < nY; i++) pooled[nX + i] = y[i];
  const { ranks, tieTerm } = rankWithTies(pooled);
  let rX = 0;
  for (let i = 0; i < nX; i++) rX += ranks[i];
  const u = rX - (nX * (nX + 1)) / 2;
  const n = nX + nY;

  if (tieTerm === 0 && nX <= EXACT_MAX_N && nY <= EXACT_MAX_N) {
    const dist = exactUDistribution(nX, nY);
    const uInt = Math.round(u);
    let upper = 0; // P(U ≥ u)
    for (let k = uInt; k < dist.length; k++) upper += dist[k];
    let lower = 0; // P(U ≤ u)
    for (let k = 0; k <= uInt; k++) lower += dist[k];
    const pValue = alternative === 'greater' ? upper : alternative === 'less' ? lower : Math.min(1, 2 * Math.min(upper, lower));
    return { u, z: 0, pValue: Math.min(1, pValue), method: 'exact', nX, nY };
  }

  if (nX <= EXACT_MAX_N && nY <= EXACT_MAX_N) {
    const counts = exactTiedRankSumCounts(ranks, nX);
    const observed = Math.round(2 * rX);
    let upper = 0; // arrangements with S ≥ observed
    let lower = 0; // arrangements with S ≤ observed
    let total = 0;
    counts.forEach((c, sum) => {
      if (c === 0) return;
      total += c;
      if (sum >= observed) upper += c;
      if (sum <= observed) lower += c;
    });
    const pUp = upper / total;
    const pLow = lower / total;
    const pValue = alternative === 'greater' ? pUp : alternative === 'less' ? pLow : Math.min(1, 2 * Math.min(pUp, pLow));
    return { u, z: 0, pValue: Math.min(1, pValue), method: 'exact', nX, nY };
  }

  const mu = (nX * nY) / 2;
  const variance = ((nX * nY) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1, method: 'normal', nX, nY };
  const sigma = Math.sqrt(variance);
  const d = u - mu;
  const zFor = (corr: number) => (d - corr) / sigma;
  let pValue: number;
  let z: number;
  if (alternative === 'greater') {
    z = zFor(0.5);
    pValue = normalCdf(-z);
  } else if (alternative === 'less') {
    z = zFor(-0.5);
    pValue = normalCdf(z);
  } else {
    z = d === 0 ? 0 : zFor(Math.sign(d) * 0.5);
    pValue = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  }
  return { u, z, pValue: Math.min(1, Math.max(0, pValue)), method: 'normal', nX, nY };
}
