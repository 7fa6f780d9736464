import type { Random } from './random.js';

/**
 * Walker's alias method (Vose's construction): O(n) set-up, O(1) per draw.
 * Column i is kept with probability prob[i], else its alias is used; each column
 * holds 1/n of the mass, so P(i) = weightᵢ / Σ weights exactly (up to float rounding).
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;

  /** `weights` must be finite, ≥ 0, with a positive sum. */
  constructor(weights: readonly number[]) {
    const n = weights.length;
    const sum = weights.reduce((a, b) => a + b, 0);
    if (n === 0 || !(sum > 0) || !Number.isFinite(sum)) throw new RangeError('AliasTable needs weights with a positive finite sum');
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = weights.map((w) => (w * n) / sum);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small.push(large.pop()!);
    }
    // Leftovers are 1 up to rounding.
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  /** Draw an index in [0, n). */
  pick(rng: Random): number {
    const u = rng.float() * this.prob.length;
    const i = Math.floor(u);
    return u - i < this.prob[i] ? i : this.alias[i];
  }
}
