/**
 * A small seeded PRNG (mulberry32: 32-bit state, period 2³²) for reproducible
 * schedules, mixes and keys. Not cryptographic; `{uuid}` uses crypto.randomUUID.
 */
export class Random {
  private state: number;

  /** `seed` is any number; it is reduced to 32 bits. */
  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * Uniform integer in [min, max] (both inclusive). Spans above 2³² combine two draws
   * (u = (hi·2³² + lo)/2⁶⁴, 53 significant bits) so every value stays reachable.
   */
  int(min: number, max: number): number {
    const span = max - min + 1;
    const u = span <= 4294967296 ? this.float() : (this.float() * 4294967296 + this.float()) / 4294967296;
    return min + Math.floor(u * span);
  }

  /** Unit exponential: −ln(1 − U), U ∈ [0, 1), so the result is finite and ≥ 0. */
  exponential(): number {
    return -Math.log(1 - this.float());
  }
}
