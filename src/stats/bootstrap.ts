import { randomIndex, splitMix32 } from './random.js';

/** Options for a two-sample bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** Seed of the resampling generator (reproducible intervals); default 1. */
  seed?: number;
}

/**
 * Two-sample bootstrap: resample the units (e.g. seconds) of A and of B independently
 * with replacement, `resamples` times, and return the statistic of every resample of each
 * side (index r of `a` and `b` belong together). Effects such as b/a − 1 or b − a are
 * computed by the caller from the pairs, so one bootstrap serves several effect scales.
 *
 * `stat(data, indices)` receives the chosen unit indices (length = that sample's size).
 */
export function bootstrapTwoSample<A, B>(
  a: { size: number; data: A; stat: (data: A, indices: Int32Array) => number },
  b: { size: number; data: B; stat: (data: B, indices: Int32Array) => number },
  opts: BootstrapOptions = {},
): { a: Float64Array; b: Float64Array } {
  const resamples = opts.resamples ?? 2000;
  const rnd = splitMix32(opts.seed ?? 1);
  const idxA = new Int32Array(a.size);
  const idxB = new Int32Array(b.size);
  const outA = new Float64Array(resamples);
  const outB = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.size; i++) idxA[i] = randomIndex(rnd, a.size);
    for (let i = 0; i < b.size; i++) idxB[i] = randomIndex(rnd, b.size);
    outA[r] = a.stat(a.data, idxA);
    outB[r] = b.stat(b.data, idxB);
  }
  return { a: outA, b: outB };
}

/** Apply `effect` to every bootstrap pair, dropping NaN results (e.g. a ratio with a zero baseline). */
export function pairedEffects(pairs: { a: Float64Array; b: Float64Array }, effect: (a: number, b: number) => number): Float64Array {
  const out: number[] = [];
  for (let r = 0; r < pairs.a.length; r++) {
    const e = effect(pairs.a[r], pairs.b[r]);
    if (!Number.isNaN(e)) out.push(e);
  }
  return Float64Array.from(out);
}

/**
 * Percentile confidence interval at `confidence` (e.g. 0.95): the (1 − c)/2 and (1 + c)/2
 * quantiles of the bootstrap distribution (linear interpolation between order statistics).
 * Returns [NaN, NaN] for an empty distribution.
 */
export function percentileInterval(samples: Float64Array, confidence = 0.95): [number, number] {
  if (samples.length === 0) return [NaN, NaN];
  const sorted = Float64Array.from(samples).sort();
  const q = (p: number) => {
    const pos = p * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  return [q((1 - confidence) / 2), q((1 + confidence) / 2)];
}
