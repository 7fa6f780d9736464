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
