/**
 * How a sharded run divides the one-machine plan, composed with the split between worker threads.
 *
 * One machine with W workers: worker w takes arrival j (0-based) of the schedule iff j mod W = w
 * (src/schedule/open-arrivals.ts), and users by splitLevel(total, w, W) (src/schedule/closed-users.ts).
 *
 * A sharded run of N shards is the same split one level up: shard I takes j ≡ I (mod N), and its
 * W workers split that share again. Both levels at once are one split into N·W slices:
 *
 *   worker w of shard I  =  slice  s = I + N·w  of  N·W
 *
 * Open model: slice s takes j with j mod N·W = I + N·w. As w runs over 0…W−1, I + N·w runs over every
 * residue mod N·W that is ≡ I (mod N), so the workers of shard I take exactly the arrivals j ≡ I (mod N),
 * each once; over all shards every arrival is taken once. That holds whatever W each shard uses.
 *
 * Closed model: slice s runs splitLevel(n, s, N·W) users. Writing n = N·W·b + r and r = q·N + t
 * (0 ≤ t < N), the slices of shard I hold W·b + #{w : I + N·w < r} = W·b + q + [I < t] users, which is
 * splitLevel(n, I, N): the shard's share as if shards were workers, again whatever W is.
 *
 * The mix generator and the closed-model users take the slice too, so their seeds and `sequence`
 * keys stay distinct across every worker of every shard.
 */
import type { ShardSpec } from './spec.js';

/** One worker's place in the whole plan: slice `index` of `count` (0 ≤ index < count). */
export interface PlanSlice {
  index: number;
  count: number;
}

/**
 * The slice of the whole plan worker `workerIndex` of `workerCount` runs when this generator is
 * `shard` (or the whole plan when `shard` is undefined): index = I + N·w, count = N·W.
 */
export function workerSlice(shard: ShardSpec | undefined, workerIndex: number, workerCount: number): PlanSlice {
  const n = shard?.count ?? 1;
  const i = shard?.index ?? 0;
  return { index: i + n * workerIndex, count: n * workerCount };
}
