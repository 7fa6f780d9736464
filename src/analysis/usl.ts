/**
 * Universal Scalability Law (Gunther):
 *
 *   X(N) = λ·N / (1 + σ·(N − 1) + κ·N·(N − 1))
 *
 * N = concurrency (users, threads, nodes), X = throughput (any rate unit, e.g. req/s),
 * λ = throughput of one unit of concurrency without overhead, σ = contention
 * (serialisation), κ = coherency (crosstalk). Pure: no I/O, no clock.
 *
 * The fit is bounded nonlinear least squares (σ, κ ≥ 0, σ ≤ 1, λ > 0):
 *  1. a linearised start (Gunther's transform, see {@link linearisedStart});
 *  2. ml-levenberg-marquardt from that start (and from an overhead-free start);
 *  3. a projected Levenberg–Marquardt polish with the analytic Jacobian run to
 *     convergence, so the answer does not depend on where step 2 stopped.
 * Standard errors come from the Jacobian at the optimum: cov = s²·(JᵀJ)⁻¹, s² = SSE/(n − 3).
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { InputError } from '../errors.js';
import { gramian, inverse, solve, transposeTimes, type Matrix } from './small-matrix.js';
import { studentTCritical } from './distributions.js';
import { formatCount, formatNumber } from '../render/format.js';

/** One measured point: concurrency `n` (> 0) and throughput `x` (> 0, e.g. req/s). */
export interface UslPoint {
  n: number;
  x: number;
}

/** The three USL coefficients. */
export interface UslParams {
  /** Contention σ (dimensionless, 0 ≤ σ ≤ 1). */
  sigma: number;
  /** Coherency κ (dimensionless, ≥ 0). */
  kappa: number;
  /** Throughput per unit of concurrency at N = 1 without overhead (same unit as `x`). */
  lambda: number;
}

/** A fitted coefficient with its uncertainty. */
export interface UslEstimate {
  value: number;
  /** Standard error √(cov_ii); null when there are no residual degrees of freedom or JᵀJ is singular. */
  stdError: number | null;
  /** Two-sided Student-t confidence interval value ± t·stdError; null when stdError is null. */
  ci: [number, number] | null;
}

/** A fitted point: measured and fitted throughput. */
export interface UslFittedPoint {
  n: number;
  x: number;
  fitted: number;
  /** x − fitted. */
  residual: number;
}

/** The result of {@link fitUsl}. */
export interface UslFit {
  sigma: UslEstimate;
  kappa: UslEstimate;
  lambda: UslEstimate;
  /** Confidence level of the intervals, e.g. 0.95. */
  confidence: number;
  /** Number of points used. */
  points: number;
  /** Residual degrees of freedom n − 3. */
  dof: number;
  /** Student-t critical value used for the intervals (null when dof = 0). */
  tCritical: number | null;
  /** Σ residual². */
  sse: number;
  /** √(SSE / dof), in throughput units (null when dof = 0). */
  residualStdError: number | null;
  /** 1 − SSE / SST with SST = Σ (x − x̄)². */
  rSquared: number;
  /** 1 − (1 − R²)·(n − 1)/(n − 3) (null when dof = 0). */
  adjustedRSquared: number | null;
  /** The linearised starting estimate the iteration began from. */
  start: UslParams;
  /**
   * κ > 0 with its confidence interval above 0 (or κ > 0 when no interval can be computed):
   * only then is a finite peak reported.
   */
  kappaSignificant: boolean;
  /** Peak N* = √((1 − σ)/κ) and X(N*); null when there is no finite peak (κ not significantly > 0). */
  peak: { concurrency: number; throughput: number } | null;
  /**
   * Ceiling approached when there is no finite peak: λ/σ (σ > 0). Null when there is a finite
   * peak, or when σ = κ = 0 (throughput grows linearly, λ·N).
   */
  asymptoticThroughput: number | null;
  /** Which overhead limits scaling at the largest measured N: contention σ(N−1) or coherency κN(N−1); `none` when both are 0. */
  limitingTerm: 'contention' | 'coherency' | 'none';
  /** Contention and coherency penalties at the largest measured N: σ(N−1) and κN(N−1). */
  penaltiesAtMaxN: { n: number; contention: number; coherency: number };
  fitted: UslFittedPoint[];
  /** Human-readable caveats: few points, weak fit, κ not significant… */
  warnings: string[];
}

/** Options for {@link fitUsl}. */
export interface UslFitOptions {
  /** Confidence level of the intervals, in (0, 1); default 0.95. */
  confidence?: number;
}

/** Fewest points accepted (three coefficients). Fewer than {@link USL_RECOMMENDED_POINTS} gives a warning. */
export const USL_MIN_POINTS = 3;

/**
 * Most points the fit takes. Each least-squares iteration is O(points) and a fit runs up to ~700 of them,
 * so 50 000 points cost seconds; beyond that, average the repeated measurements of each concurrency level first.
 */
export const USL_MAX_POINTS = 50_000;
/** Fewer points than this give a warning. */
export const USL_RECOMMENDED_POINTS = 6;
/** R² below this gives a warning. */
export const USL_MIN_GOOD_R2 = 0.9;

/** X(N) = λN / (1 + σ(N−1) + κN(N−1)), in the unit of λ. */
export function uslThroughput(p: UslParams, n: number): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

/**
 * Fit the USL to measured points (see the module comment for the method).
 * Throws an InputError (exit 2) for unusable input: fewer than 3 points, fewer than
 * 3 distinct concurrency levels, or non-finite / non-positive values.
 */
export function fitUsl(points: Array<{ n: number; x: number }>, opts: UslFitOptions = {}): UslFit {
  const confidence = opts.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must be in (0, 1), got ${confidence}`);
  validatePoints(points);
  const data = [...points].sort((a, b) => a.n - b.n || a.x - b.x);

  const start = linearisedStart(data);
  const fitted = [start, { sigma: 0, kappa: 0, lambda: start.lambda }]
    .map((s) => polish(data, coarseFit(data, s)))
    .reduce((best, p) => (sse(data, p) < sse(data, best) ? p : best));
  return summarise(data, fitted, start, confidence);
}

function validatePoints(points: Array<{ n: number; x: number }>): void {
  if (points.length < USL_MIN_POINTS) {
    throw new InputError(`the USL fit needs at least ${USL_MIN_POINTS} points (concurrency, throughput); got ${points.length}`);
  }
  if (points.length > USL_MAX_POINTS) {
    throw new InputError(`the USL fit takes at most ${USL_MAX_POINTS} points; got ${points.length} (average the measurements of each concurrency level first)`);
  }
  points.forEach((p, i) => {
    if (!Number.isFinite(p.n) || p.n <= 0) throw new InputError(`point ${i + 1}: concurrency must be a number > 0, got ${p.n}`);
    if (!Number.isFinite(p.x) || p.x <= 0) throw new InputError(`point ${i + 1}: throughput must be a number > 0, got ${p.x}`);
  });
  const distinct = new Set(points.map((p) => p.n)).size;
  if (distinct < USL_MIN_POINTS) {
    throw new InputError(`the USL fit needs at least ${USL_MIN_POINTS} distinct concurrency levels; got ${distinct}`);
  }
}

/**
 * Linearised start (Gunther): with λ₀ = X(1) (or max X/N when N = 1 was not measured,
 * a lower bound of λ since the denominator is ≥ 1), C(N) = X(N)/λ₀ and
 *   y = N/C(N) − 1 = σ(N−1) + κN(N−1) = (σ + κ)·x + κ·x²,  x = N − 1,
 * a quadratic through the origin y = b·x + a·x², solved by least squares:
 *   [Σx² Σx³; Σx³ Σx⁴]·[b; a] = [Σxy; Σx²y];  κ = a, σ = b − a (clamped to the bounds).
 */
export function linearisedStart(points: UslPoint[]): UslParams {
  const at1 = points.filter((p) => p.n === 1);
  const lambda = at1.length ? at1.reduce((s, p) => s + p.x, 0) / at1.length : points.reduce((m, p) => Math.max(m, p.x / p.n), 0);
  let sx2 = 0, sx3 = 0, sx4 = 0, sxy = 0, sx2y = 0;
  for (const p of points) {
    const x = p.n - 1;
    const y = (lambda * p.n) / p.x - 1;
    sx2 += x * x;
    sx3 += x * x * x;
    sx4 += x * x * x * x;
    sxy += x * y;
    sx2y += x * x * y;
  }
  let [b, a] = solve([[sx2, sx3], [sx3, sx4]], [sxy, sx2y]) ?? [sx2 > 0 ? sxy / sx2 : 0, 0];
  if (a < 0) [b, a] = [sx2 > 0 ? sxy / sx2 : 0, 0];
  let sigma = b - a;
  if (sigma < 0) [sigma, a] = [0, sx4 > 0 ? Math.max(0, (sxy + sx2y) / (sx2 + 2 * sx3 + sx4)) : 0]; // y = κ(x + x²)
  return { sigma: clamp(sigma, 0, 1), kappa: Math.max(0, a), lambda };
}

// ---- scaled parameterisation --------------------------------------------------------
// θ = [a, b, l] with σ = a/M, κ = b/M², λ = l·λ₀ (M = largest N, λ₀ = the start's λ), and the
// data divided by λ₀, so every coordinate is O(1) and LM's damping treats them alike.

interface Scale {
  m: number;
  lambda0: number;
}

function toTheta(p: UslParams, s: Scale): number[] {
  return [p.sigma * s.m, p.kappa * s.m * s.m, p.lambda / s.lambda0];
}

function fromTheta(t: number[], s: Scale): UslParams {
  return { sigma: t[0] / s.m, kappa: t[1] / (s.m * s.m), lambda: t[2] * s.lambda0 };
}

function bounds(s: Scale): { lo: number[]; hi: number[] } {
  // σ ∈ [0, 1], κ ∈ [0, 1], λ ∈ (0, 10⁶·λ₀].
  return { lo: [0, 0, 1e-9], hi: [s.m, s.m * s.m, 1e6] };
}

function scaleOf(points: UslPoint[], start: UslParams): Scale {
  return { m: points.reduce((m, p) => Math.max(m, p.n), 0), lambda0: start.lambda }; // no spread: 10⁶ arguments overflow the stack
}

/** Pass 1: ml-levenberg-marquardt on the scaled problem from `start`. */
function coarseFit(points: UslPoint[], start: UslParams): UslParams {
  const s = scaleOf(points, start);
  const { lo, hi } = bounds(s);
  const model = (t: number[]) => (n: number) => (t[2] * n) / (1 + (t[0] * (n - 1)) / s.m + (t[1] * n * (n - 1)) / (s.m * s.m));
  const jacobianFunction = (t: number[]) => (n: number) => scaledJacobianRow(t, n, s);
  const res = levenbergMarquardt(
    { x: points.map((p) => p.n), y: points.map((p) => p.x / s.lambda0) },
    model,
    {
      initialValues: toTheta(start, s).map((v, i) => clamp(v, lo[i], hi[i])),
      minValues: lo,
      maxValues: hi,
      maxIterations: 200,
      errorTolerance: 0,
      jacobianFunction,
    },
  );
  const t = res.parameterValues;
  return t.every(Number.isFinite) ? fromTheta(t, s) : start;
}

/** ∂f/∂θ for f = l·N / D, D = 1 + a(N−1)/M + b·N(N−1)/M². */
function scaledJacobianRow(t: number[], n: number, s: Scale): number[] {
  const p = (n - 1) / s.m;
  const q = (n * (n - 1)) / (s.m * s.m);
  const d = 1 + t[0] * p + t[1] * q;
  return [(-t[2] * n * p) / (d * d), (-t[2] * n * q) / (d * d), n / d];
}

/**
 * Pass 2: projected Levenberg–Marquardt (Marquardt's diagonal scaling) with the analytic
 * Jacobian. Coordinates pinned at a bound whose gradient points outwards are held fixed.
 * Runs until the SSE stops decreasing, so the result is the same whatever pass 1 returned.
 */
function polish(points: UslPoint[], from: UslParams): UslParams {
  const s = scaleOf(points, from);
  const { lo, hi } = bounds(s);
  const ys = points.map((p) => p.x / s.lambda0);
  const cost = (t: number[]) => points.reduce((acc, p, i) => acc + (residual(t, p.n, ys[i], s) ** 2), 0);
  let theta = toTheta(from, s).map((v, i) => clamp(v, lo[i], hi[i]));
  let current = cost(theta);
  let mu = 1e-3;
  for (let iter = 0; iter < 500 && mu < 1e12; iter++) {
    const jac: Matrix = points.map((p) => scaledJacobianRow(theta, p.n, s));
    const r = points.map((p, i) => residual(theta, p.n, ys[i], s));
    const g = transposeTimes(jac, r); // ∇(½·SSE) = −Jᵀr with r = y − f, so descent is +g
    const free = theta.map((v, i) => !((v <= lo[i] && g[i] < 0) || (v >= hi[i] && g[i] > 0)));
    const idx = free.flatMap((f, i) => (f ? [i] : []));
    if (idx.length === 0) break;
    const jtj = gramian(jac.map((row) => idx.map((i) => row[i])));
    const rhs = idx.map((i) => g[i]);
    const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v * (1 + mu) + 1e-30 : v)));
    const step = solve(damped, rhs);
    if (!step) {
      mu *= 10;
      continue;
    }
    const next = [...theta];
    idx.forEach((i, k) => (next[i] = clamp(theta[i] + step[k], lo[i], hi[i])));
    const nextCost = cost(next);
    if (nextCost < current) {
      const gain = current - nextCost;
      const moved = Math.max(...next.map((v, i) => Math.abs(v - theta[i]) / Math.max(1e-12, Math.abs(v))));
      theta = next;
      current = nextCost;
      mu = Math.max(mu / 10, 1e-15);
      if (gain <= 1e-16 * current && moved < 1e-13) break;
    } else {
      mu *= 10;
    }
  }
  return fromTheta(theta, s);
}

function residual(t: number[], n: number, y: number, s: Scale): number {
  return y - (t[2] * n) / (1 + (t[0] * (n - 1)) / s.m + (t[1] * n * (n - 1)) / (s.m * s.m));
}

function sse(points: UslPoint[], p: UslParams): number {
  return points.reduce((acc, q) => acc + (q.x - uslThroughput(p, q.n)) ** 2, 0);
}

/**
 * Jacobian of X(N) in the original units, one row per point:
 *   ∂X/∂σ = −λN(N−1)/D², ∂X/∂κ = −λN²(N−1)/D², ∂X/∂λ = N/D, D = 1 + σ(N−1) + κN(N−1).
 */
function jacobian(points: UslPoint[], p: UslParams): Matrix {
  return points.map(({ n }) => {
    const d = 1 + p.sigma * (n - 1) + p.kappa * n * (n - 1);
    return [(-p.lambda * n * (n - 1)) / (d * d), (-p.lambda * n * n * (n - 1)) / (d * d), n / d];
  });
}

function summarise(points: UslPoint[], p: UslParams, start: UslParams, confidence: number): UslFit {
  const n = points.length;
  const dof = n - 3;
  const fittedPoints = points.map((q) => {
    const f = uslThroughput(p, q.n);
    return { n: q.n, x: q.x, fitted: f, residual: q.x - f };
  });
  const sumSq = fittedPoints.reduce((a, q) => a + q.residual ** 2, 0);
  const mean = points.reduce((a, q) => a + q.x, 0) / n;
  const sst = points.reduce((a, q) => a + (q.x - mean) ** 2, 0);
  const rSquared = sst > 0 ? 1 - sumSq / sst : 1;

  // cov = s²·(JᵀJ)⁻¹ with s² = SSE/(n − 3); CI = value ± t_{(1+c)/2, n−3}·SE.
  const s2 = dof > 0 ? sumSq / dof : NaN;
  const cov = dof > 0 ? inverse(gramian(jacobian(points, p))) : undefined;
  const t = dof > 0 ? studentTCritical(confidence, dof) : null;
  const estimate = (value: number, i: number): UslEstimate => {
    const v = cov ? s2 * cov[i][i] : NaN;
    const se = Number.isFinite(v) && v >= 0 ? Math.sqrt(v) : null;
    return { value, stdError: se, ci: se !== null && t !== null ? [value - t * se, value + t * se] : null };
  };
  const sigma = estimate(p.sigma, 0);
  const kappa = estimate(p.kappa, 1);
  const lambda = estimate(p.lambda, 2);

  const kappaSignificant = p.kappa > 0 && (kappa.ci ? kappa.ci[0] > 0 : true);
  // Peak: dX/dN = 0 ⇔ N* = √((1 − σ)/κ); with σ ≥ 1 throughput never rises above X(1).
  let peak: UslFit['peak'] = null;
  if (kappaSignificant) {
    const nStar = p.sigma >= 1 ? 1 : Math.max(1, Math.sqrt((1 - p.sigma) / p.kappa));
    peak = { concurrency: nStar, throughput: uslThroughput(p, nStar) };
  }
  // Without a peak: X(N) → λ/σ as N → ∞ (Amdahl); σ = 0 too means linear growth λN.
  const asymptoticThroughput = peak === null && p.sigma > 0 ? p.lambda / p.sigma : null;

  const maxN = points[points.length - 1].n;
  const contention = p.sigma * (maxN - 1);
  const coherency = p.kappa * maxN * (maxN - 1);
  const limitingTerm = contention === 0 && coherency === 0 ? 'none' : kappaSignificant && coherency > contention ? 'coherency' : 'contention';

  const warnings: string[] = [];
  if (n < USL_RECOMMENDED_POINTS) warnings.push(`only ${n} points: the fit is fragile; measure at least ${USL_RECOMMENDED_POINTS} concurrency levels`);
  if (rSquared < USL_MIN_GOOD_R2) warnings.push(`weak fit: R² = ${formatNumber(rSquared, 3)} < ${USL_MIN_GOOD_R2}; the USL may not describe this system (or the data is noisy)`);
  if (dof === 0) warnings.push('no residual degrees of freedom (3 points, 3 coefficients): no standard errors or confidence intervals');
  if (p.kappa > 0 && !kappaSignificant) {
    warnings.push(`κ = ${p.kappa.toPrecision(3)} is not significantly > 0 at ${Math.round(confidence * 100)}%: no finite peak is reported`);
  }
  if (peak && peak.concurrency > 10 * maxN) {
    warnings.push(`the peak N* = ${formatCount(peak.concurrency)} is far beyond the largest measured concurrency (${maxN}): an extrapolation`);
  }

  return {
    sigma,
    kappa,
    lambda,
    confidence,
    points: n,
    dof,
    tCritical: t,
    sse: sumSq,
    residualStdError: dof > 0 ? Math.sqrt(s2) : null,
    rSquared,
    adjustedRSquared: dof > 0 ? 1 - ((1 - rSquared) * (n - 1)) / dof : null,
    start,
    kappaSignificant,
    peak,
    asymptoticThroughput,
    limitingTerm,
    penaltiesAtMaxN: { n: maxN, contention, coherency },
    fitted: fittedPoints,
    warnings,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
