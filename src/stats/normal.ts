/**
 * Complementary error function, Chebyshev fit (Numerical Recipes `erfcc`),
 * fractional error < 1.2e-7 everywhere:
 * t = 1/(1 + |x|/2); erfc(|x|) = t·exp(−x² − 1.26551223 + t(1.00002368 + t(0.37409196 + …)));
 * erfc(−x) = 2 − erfc(x).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution Φ(z) = erfc(−z/√2)/2. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Inverse of {@link normalCdf}: the z with Φ(z) = p, by bisection on [−40, 40] (to about 1e-12;
 * exact enough for sample-size estimates). ±Infinity at p = 1 / 0, NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
