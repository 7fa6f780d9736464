import type { KeyDistribution } from '../profile/types.js';
import { AliasTable } from './alias.js';
import type { Random } from './random.js';
import { ZipfSampler } from './zipf.js';

/** Draws one key (a path/body parameter value) per call. */
export type KeySampler = () => number | string;

/** Where this generator sits among parallel generators, so `sequence` keys do not repeat across workers. */
export interface Stream {
  index: number;
  count: number;
}

/**
 * A sampler for one key distribution:
 * - uniform [min, max]: integers, each with probability 1/(max − min + 1);
 * - zipf {n, s}: ranks 1..n, P(k) ∝ k^(−s) (see ZipfSampler);
 * - pareto {xm, α, max?}: Type I, x = xm·(1 − U)^(−1/α), floored to an integer. With `max`
 *   the distribution is truncated to [xm, max + 1) by inverting the truncated CDF
 *   (x = xm·(1 − U·(1 − (xm/(max+1))^α))^(−1/α)), so no mass piles up at the cap;
 * - list: values uniformly, or by `weights` (alias method);
 * - sequence: start, start + 1, … (interleaved across streams: start + index + j·count).
 */
export function createKeySampler(dist: KeyDistribution, rng: Random, stream: Stream = { index: 0, count: 1 }): KeySampler {
  switch (dist.kind) {
    case 'uniform': {
      const { min, max } = dist;
      return () => rng.int(min, max);
    }
    case 'zipf': {
      const z = new ZipfSampler(dist.n, dist.s);
      return () => z.sample(rng);
    }
    case 'pareto': {
      const { xm, alpha, max } = dist;
      const inv = -1 / alpha;
      // Fraction of the untruncated mass below the cap: F(max + 1) = 1 − (xm/(max+1))^α.
      const span = max === undefined ? 1 : 1 - (xm / (max + 1)) ** alpha;
      return () => {
        const x = Math.floor(xm * (1 - rng.float() * span) ** inv);
        return max !== undefined && x > max ? max : x;
      };
    }
    case 'list': {
      const values = dist.values;
      if (dist.weights) {
        const table = new AliasTable(dist.weights);
        return () => values[table.pick(rng)];
      }
      return () => values[Math.floor(rng.float() * values.length)];
    }
    case 'sequence': {
      let next = dist.start + stream.index;
      const step = stream.count;
      return () => {
        const v = next;
        next += step;
        return v;
      };
    }
  }
}
