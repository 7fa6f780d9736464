/**
 * Change points in a series by E-divisive means (Matteson & James, "A Nonparametric Approach for
 * Multiple Change Point Analysis of Multivariate Data", JASA 2014), with the permutation test of
 * significance, as Apache Otava (ex Hunter) and MongoDB's performance CI use it (Daly et al.,
 * "Change Point Detection in Software Performance Testing", ICPE 2020). Pure and seeded.
 */
import { randomIndex, splitMix32 } from './random.js';

/** One significant change point. */
export interface ChangePoint {
  /** Index of the first value of the new segment (the run the shift started at). */
  index: number;
  /** The divergence statistic q̂ at the split. */
  qHat: number;
  /** Permutation p-value of the split when it was found: (#{q̂_perm ≥ q̂} + 1) / (R + 1). */
  pValue: number;
}

/** Options of {@link eDivisive}. */
export interface EDivisiveOptions {
  /** Fewest values in a segment (≥ 2); default 3. */
  minSize?: number;
  /** Significance level of each new change point; default 0.05. */
  alpha?: number;
  /** Permutations per test, R; default 199 (the smallest p is 1/200). */
  permutations?: number;
  /** Seed of the permutations; default 1. */
  seed?: number;
}

/** The best split of x[a, b): the τ with the largest q̂ (τ = first index of the right part). */
interface Split {
  tau: number;
  qHat: number;
}

/**
 * Best split of the segment x[a, b) with both parts ≥ minSize; undefined when the segment is too short.
 *
 * For left X = x[a, τ) (m values) and right Y = x[τ, b) (n values), with α = 1 (absolute distances):
 *   Ê(X, Y) = 2/(mn)·Σᵢⱼ|Xᵢ − Yⱼ| − Σ_{i<k}|Xᵢ − X_k| / C(m, 2) − Σ_{j<k}|Yⱼ − Y_k| / C(n, 2)
 *   q̂(τ)    = mn/(m + n) · Ê(X, Y)
 * With W(u, v) = Σ_{u≤i<k<v}|xᵢ − x_k| (pairwise sum inside a range), the cross sum is
 * W(a, b) − W(a, τ) − W(τ, b); W(a, τ) grows and W(τ, b) shrinks by one row per step: O(L²).
 */
function bestSplit(x: Float64Array, a: number, b: number, minSize: number): Split | undefined {
  const len = b - a;
  if (len < 2 * minSize) return undefined;
  // left[k] = W(a, a + k), right[k] = W(a + k, b), k = 0 … len.
  const left = new Float64Array(len + 1);
  for (let k = 1; k <= len; k++) {
    let row = 0;
    const v = x[a + k - 1];
    for (let i = a; i < a + k - 1; i++) row += Math.abs(x[i] - v);
    left[k] = left[k - 1] + row;
  }
  const right = new Float64Array(len + 1);
  for (let k = len - 1; k >= 0; k--) {
    let row = 0;
    const v = x[a + k];
    for (let i = a + k + 1; i < b; i++) row += Math.abs(x[i] - v);
    right[k] = right[k + 1] + row;
  }
  const whole = left[len];
  let best: Split | undefined;
  for (let k = minSize; k <= len - minSize; k++) {
    const m = k;
    const n = len - k;
    const cross = whole - left[k] - right[k];
    const e = (2 * cross) / (m * n) - left[k] / ((m * (m - 1)) / 2) - right[k] / ((n * (n - 1)) / 2);
    const q = ((m * n) / (m + n)) * e;
    if (!best || q > best.qHat) best = { tau: a + k, qHat: q };
  }
  return best;
}

/** The best split over every segment between the current change points. */
function bestOverSegments(x: Float64Array, bounds: number[], minSize: number): Split | undefined {
  let best: Split | undefined;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const split = bestSplit(x, bounds[s], bounds[s + 1], minSize);
    if (split && (!best || split.qHat > best.qHat)) best = split;
  }
  return best;
}

/**
 * Significant change points of `values`, by bisection: find the split with the largest q̂ over
 * every segment; test it by permutation — shuffle the values inside each current segment R times
 * (no change inside a segment is the null), recompute the largest q̂ each time, and
 * p = (#{q̂_perm ≥ q̂_obs} + 1) / (R + 1); keep the split while p ≤ α, then look again.
 * Returns the change points in series order.
 */
export function eDivisive(values: readonly number[], opts: EDivisiveOptions = {}): ChangePoint[] {
  const minSize = Math.max(2, opts.minSize ?? 3);
  const alpha = opts.alpha ?? 0.05;
  const permutations = opts.permutations ?? 199;
  const rnd = splitMix32(opts.seed ?? 1);
  const x = Float64Array.from(values);
  if (x.some((v) => !Number.isFinite(v))) throw new Error('eDivisive: values must be finite');
  const found: ChangePoint[] = [];
  const bounds = [0, x.length];
  const shuffled = new Float64Array(x.length);
  for (;;) {
    const best = bestOverSegments(x, bounds, minSize);
    if (!best || !(best.qHat > 0)) break;
    let atLeast = 0;
    for (let r = 0; r < permutations; r++) {
      shuffled.set(x);
      for (let s = 0; s + 1 < bounds.length; s++) {
        for (let i = bounds[s + 1] - 1; i > bounds[s]; i--) {
          const j = bounds[s] + randomIndex(rnd, i - bounds[s] + 1);
          const tmp = shuffled[i];
          shuffled[i] = shuffled[j];
          shuffled[j] = tmp;
        }
      }
      const perm = bestOverSegments(shuffled, bounds, minSize);
      if (perm && perm.qHat >= best.qHat) atLeast++;
    }
    const pValue = (atLeast + 1) / (permutations + 1);
    if (pValue > alpha) break;
    found.push({ index: best.tau, qHat: best.qHat, pValue });
    bounds.push(best.tau);
    bounds.sort((p, q) => p - q);
  }
  return found.sort((p, q) => p.index - q.index);
}
