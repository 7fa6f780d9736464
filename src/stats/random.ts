/**
 * A small seeded pseudo-random generator for reproducible permutation tests (E-divisive) and simulations.
 * SplitMix32: state += 0x9e3779b9; mix the state with two multiply–xorshift rounds.
 * Not cryptographic; statistically fine for resampling.
 */

/** A seeded generator of floats in [0, 1). Same seed → same sequence. */
export function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) drawn from `rnd`. */
export function randomIndex(rnd: () => number, n: number): number {
  return Math.floor(rnd() * n);
}
