import { randomIndex, splitMix32 } from './random.js';

/** Options for a two-sample bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** Seed of the resampling generator (reproducible intervals); default 1. */
  seed?: number;
}

/**
 * Two-sample bootstrap of an effect: resample the units (e.g. seconds) of A and of B
 * independently with replacement, compute `stat` on each resample, and return
 * effect(statA*, statB*) for every resample (NaN effects are dropped).
 *
 * `stat(sample, indices)` receives the chosen unit indices (length = that sample's size).
 */
export function bootstrapTwoSample<A, B>(
  a: { size: number; data: A; stat: (data: A, indices: Int32Array) => number },
  b: { size: number; data: B; stat: (data: B, indices: Int32Array) => number },
  effect: (statA: number, statB: number) => number,
  opts: BootstrapOptions = {},
): Float64Array {
  const resamples = opts.resamples ?? 2000;
  const rnd = splitMix32(opts.seed ?? 1);
  const idxA = new Int32Array(a.size);
  const idxB = new Int32Array(b.size);
  const out: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.size; i++) idxA[i] = randomIndex(rnd, a.size);
    for (let i = 0; i < b.size; i++) idxB[i] = randomIndex(rnd, b.size);
    const e = effect(a.stat(a.data, idxA), b.stat(b.data, idxB));
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
