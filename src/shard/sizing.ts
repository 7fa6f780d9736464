/**
 * How big each generator (shard) must be, and how many a target rate needs, from the
 * generator's measured cost per request.
 *
 * Measured (bench/capplan-runner.js, open model, uniform arrivals, one GET of a 13-byte body from
 * bench/fast-server.js, 1 worker thread, 8 s at 5000 req/s, on the shared 2-core development host):
 * 45–52 µs of process CPU per response, so one fully busy core sends ≈ 1e6 / 52 ≈ 19 000 req/s on
 * time. `npm run bench` (closed model, 50 users, no think time) measured 18 µs per response.
 * We plan at {@link GENERATOR_RATE_PER_CORE} = 5000 req/s per core, ≈ 26% busy by the open-model
 * figure — the same rule `runLoad` uses for its worker threads — leaving room for larger
 * responses, TLS and garbage collection without sending late. Peak RSS was ≈ 120 MB with one
 * worker and ≈ 130 MB with two (samples every 2 s).
 */

/** Open model: planned request rate one generator core sends on time (req/s per core). */
export const GENERATOR_RATE_PER_CORE = 5000;

/** Memory a generator process needs besides its workers (MiB): Node, the coordinator, merged seconds. */
const BASE_MEMORY_MIB = 256;
/** Memory each worker thread adds (MiB): its heap, HDR recorders and connections. */
const WORKER_MEMORY_MIB = 64;

/** Resources of one shard's pod. */
export interface ShardSizing {
  /** Worker threads of the shard (`--workers`), one per requested core. */
  workers: number;
  /** CPU request in cores (Kubernetes quantity, whole cores). */
  cpu: string;
  /** Memory request and limit (Kubernetes quantity, MiB). */
  memory: string;
  /** Open model: peak request rate each shard sends (req/s). */
  peakRatePerShard?: number;
  /** Closed model: peak users each shard runs (the largest shard's share). */
  peakUsersPerShard?: number;
}

/**
 * Size one shard of a run whose peak level is `peakLevel` (req/s open, users closed), split over
 * `shards`:
 *   open:   workers = max(1, ⌈(peak / shards) / GENERATOR_RATE_PER_CORE⌉)
 *   closed: workers = 1 (a closed model's rate depends on the target's latency, not on the plan)
 * `workersOverride` replaces the rule. CPU request = workers cores; memory = 256 MiB + 64 MiB × workers.
 */
export function sizeShard(model: 'open' | 'closed', peakLevel: number, shards: number, workersOverride?: number): ShardSizing {
  const perShard = peakLevel / shards;
  const workers = workersOverride ?? (model === 'open' ? Math.max(1, Math.ceil(perShard / GENERATOR_RATE_PER_CORE)) : 1);
  return {
    workers,
    cpu: String(workers),
    memory: `${BASE_MEMORY_MIB + WORKER_MEMORY_MIB * workers}Mi`,
    ...(model === 'open' ? { peakRatePerShard: perShard } : { peakUsersPerShard: Math.ceil(perShard) }),
  };
}

/**
 * Shards an open-model peak of `peakRatePerSec` needs with `coresPerShard` cores each:
 *   shards = max(1, ⌈peak / (GENERATOR_RATE_PER_CORE × coresPerShard)⌉)
 */
export function shardsForRate(peakRatePerSec: number, coresPerShard: number): number {
  return Math.max(1, Math.ceil(peakRatePerSec / (GENERATOR_RATE_PER_CORE * coresPerShard)));
}
