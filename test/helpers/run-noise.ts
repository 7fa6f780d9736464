import { splitMix32 } from '../../src/stats/random.js';

/**
 * Seeded run-level noise for simulations: the value one run of an unchanged system reports.
 * value = median · exp(σ·z + burst), z ~ N(0, 1) by Box–Muller; with probability `burstRate`
 * a noisy neighbour hits the run and adds burst ~ U(0, burstMax) on the log scale (a slower run).
 */
export interface RunNoise {
  /** Log-scale standard deviation of a quiet run. */
  sigma: number;
  /** Probability that a run is hit by a noisy neighbour. */
  burstRate: number;
  /** Largest log-scale slowdown of a hit run (0.5 ≈ +65%). */
  burstMax: number;
}

/** A generator of per-run values around `median` (× `factor` for a changed system). */
export function runSampler(noise: RunNoise, seed: number): (median: number, n: number) => number[] {
  const rnd = splitMix32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return (median, n) =>
    Array.from({ length: n }, () => {
      const z = normal();
      const burst = rnd() < noise.burstRate ? rnd() * noise.burstMax : 0;
      return median * Math.exp(noise.sigma * z + burst);
    });
}

/** Standard normal draws by Box–Muller from a seeded source. */
export function normalSampler(seed: number): () => number {
  const rnd = splitMix32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/**
 * Seeded per-run p99 (ms) of a service behind a load generator, as the built-in target shows it:
 * p99 = serviceMs + overhead, overhead = overheadMs · exp(σ·z), z ~ N(0, 1) — the 99th percentile of
 * the scheduling delays the run met (its neighbours, CPU contention), which varies from run to run
 * and does NOT scale with the service time. So a +30% service time moves the p99 by
 * +30% · serviceMs / p99: the whole +30% only when the overhead is small.
 */
export interface P99Noise {
  /** Median of a run's p99 overhead over the service time, ms. */
  overheadMs: number;
  /** Log-scale spread of the overhead from run to run. */
  sigma: number;
}

/** A generator of `n` runs' p99 (ms) at a service time of `serviceMs`. */
export function p99Sampler(noise: P99Noise, seed: number): (serviceMs: number, n: number) => number[] {
  const normal = normalSampler(seed);
  return (serviceMs, n) => Array.from({ length: n }, () => serviceMs + noise.overheadMs * Math.exp(noise.sigma * normal()));
}
