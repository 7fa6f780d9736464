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
