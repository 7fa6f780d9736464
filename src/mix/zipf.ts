import type { Random } from './random.js';

/**
 * Zipf over ranks 1..n with exponent s > 0: P(k) = k^(−s) / H(n, s), H(n, s) = Σⱼ₌₁ⁿ j^(−s).
 * Sampled by rejection-inversion (Hörmann & Derflinger 1996): O(1) memory and
 * expected O(1) time for any n. With h(x) = x^(−s) and its antiderivative
 *   Hi(x) = (x^(1−s) − 1)/(1 − s)   (ln x when s = 1),
 * draw u uniformly in [Hi(n + ½), Hi(1½) − 1], invert x = Hi⁻¹(u), round to k, and
 * accept when k − x ≤ τ or u ≥ Hi(k + ½) − h(k).
 */
export class ZipfSampler {
  private readonly hiX1: number;
  private readonly hiN: number;
  private readonly tau: number;

  constructor(
    private readonly n: number,
    private readonly s: number,
  ) {
    if (!(n >= 1) || !(s > 0)) throw new RangeError(`zipf needs n ≥ 1 and s > 0 (got n=${n}, s=${s})`);
    this.hiX1 = this.hIntegral(1.5) - 1;
    this.hiN = this.hIntegral(n + 0.5);
    this.tau = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** Draw a rank in [1, n]. */
  sample(rng: Random): number {
    for (;;) {
      const u = this.hiN + rng.float() * (this.hiX1 - this.hiN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.n) k = this.n;
      if (k - x <= this.tau || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  /** h(x) = x^(−s). */
  private h(x: number): number {
    return Math.exp(-this.s * Math.log(x));
  }

  /** Hi(x) = (x^(1−s) − 1)/(1 − s), written as expm1((1−s)·ln x)/(1−s) so s → 1 gives ln x smoothly. */
  private hIntegral(x: number): number {
    const lx = Math.log(x);
    return expm1OverX((1 - this.s) * lx) * lx;
  }

  /** Hi⁻¹(y) = (1 + (1−s)·y)^(1/(1−s)) = exp(log1p((1−s)·y)/((1−s)·y) · y). */
  private hIntegralInverse(y: number): number {
    let t = y * (1 - this.s);
    if (t < -1) t = -1; // rounding guard: the argument of log1p stays ≥ 0
    return Math.exp(log1pOverX(t) * y);
  }
}

function expm1OverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x / 2;
}

function log1pOverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x / 2;
}

/** Generalised harmonic number H(n, s) = Σⱼ₌₁ⁿ j^(−s) (O(n); for tests and docs). */
export function harmonic(n: number, s: number): number {
  let h = 0;
  for (let j = n; j >= 1; j--) h += j ** -s; // smallest terms first for accuracy
  return h;
}
