/**
 * Compressing a Node process's full garbage collections for short soak runs. V8 starts a full (major) collection
 * when the old generation reaches its allocation limit, set after each full collection to
 *   limit = max(size · factor, size + minimum step) + young-generation capacity
 * with a factor it picks between about 1.1 and 4 from the heap's size and the collector's speed, a minimum step of
 * 8 MB and a young generation of up to 16 MB (Node 20). A small, healthy server that promotes a little garbage
 * per request (the built-in target: ~0.2 MB/s) then runs no full collection for minutes, and until one runs its heap
 * floor climbs with that garbage as a leak's would. Three V8 flags compress that, so a soak test of seconds can tell
 * garbage (freed by the next full collection) from retained memory:
 *   --gc-global                every collection is a full one (as every Go collection is): the heap right after
 *                              each is what the process retains, many times a second. Measured on the built-in
 *                              target at 200 req/s with two CPU spinners beside it: 128 full collections in 24 s,
 *                              where the two flags below alone gave 5..7 (they depend on garbage the target makes
 *                              only when it has CPU to spare), and no flag at all 0 to 2 in 30 s.
 *   --heap-growing-percent=P   factor = 1 + P/100, for collections the old generation's limit still starts
 *   --optimize-for-size        V8's memory-saving mode: 2 MB steps and a young generation that stays small
 * They change when V8 collects, not what the server keeps. They cost CPU: the healthy target used 12..14 s of CPU in
 * a 34 s run at 200 req/s, against 5..8 s without --gc-global. Set at run time, they apply from the next collection on.
 */
import { setFlagsFromString } from 'node:v8';

/** Compress full collections (see the module comment); the old generation's limit grows `percent`% (1–1000). */
export function setHeapGrowingPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 1 || percent > 1000) throw new RangeError(`heap growing percent must be an integer 1..1000 (got ${percent})`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--gc-global');
}
