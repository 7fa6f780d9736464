/**
 * The sharding flags of `capplan load`: `--shard I/N`, or `--shards N` with the index from
 * JOB_COMPLETION_INDEX, and `--start-at TIME`. Bad values are a UsageError naming the flag:
 * `--shard: expected … (got "3/3")` (exit 2).
 */
import { UsageError } from '../../errors.js';
import { parseShardCount, parseShardSpec, shardFromIndexEnv, type Parsed, type ShardSpec } from '../../shard/spec.js';
import { parseStartAt } from '../../shard/start-barrier.js';

/** Raw values of the sharding flags. */
export interface ShardFlags {
  shard?: string;
  shards?: string;
  startAt?: string;
}

/** Validated sharding settings. */
export interface ShardSettings {
  shard?: ShardSpec;
  /** The agreed start, Unix epoch ms. */
  startAtMs?: number;
}

function value<T>(flag: string, raw: string, r: Parsed<T>): T {
  if (!r.ok) throw new UsageError(`${flag}: expected ${r.expected} (got "${raw}")`);
  return r.value;
}

/** Validate the sharding flags; `env` gives JOB_COMPLETION_INDEX for `--shards`. */
export function parseShardFlags(f: ShardFlags, env: Record<string, string | undefined>): ShardSettings {
  if (f.shard !== undefined && f.shards !== undefined) {
    throw new UsageError(`use either --shard I/N or --shards N (the index from JOB_COMPLETION_INDEX), not both (got --shard "${f.shard}" and --shards "${f.shards}")`);
  }
  let shard: ShardSpec | undefined;
  if (f.shard !== undefined) shard = value('--shard', f.shard, parseShardSpec(f.shard));
  if (f.shards !== undefined) {
    const count = value('--shards', f.shards, parseShardCount(f.shards));
    const r = shardFromIndexEnv(count, env);
    if (!r.ok) throw new UsageError(`--shards ${count}: expected ${r.expected}`);
    shard = r.value;
  }
  const startAtMs = f.startAt === undefined ? undefined : value('--start-at', f.startAt, parseStartAt(f.startAt));
  return { ...(shard ? { shard } : {}), ...(startAtMs !== undefined ? { startAtMs } : {}) };
}
