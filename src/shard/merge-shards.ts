/**
 * Merging a sharded run: check the set is one whole run (every shard 0 … N−1 once, one plan),
 * merge exactly (src/results/merge.ts), and keep each shard's generator health in the result.
 */
import { InputError } from '../errors.js';
import { mergeResults } from '../results/merge.js';
import type { ResultFile, ShardHealth } from '../results/types.js';
import { checkShardSet, formatIndices, type ShardCoverage, type ShardSetCheck } from './completeness.js';
import { START_TOLERANCE_MS } from './start-barrier.js';

/** What one result covers of a sharded run: its own shard, or the shards a merged result holds. */
export function coverageOf(r: ResultFile): ShardCoverage | undefined {
  if (r.shard) return { count: r.shard.count, planHash: r.shard.planHash, indices: [r.shard.index] };
  if (r.shardSet) return { count: r.shardSet.count, planHash: r.shardSet.planHash, indices: r.shardSet.indices };
  return undefined;
}

/** Generator health of the shards in one result (one entry for a shard's own result). */
export function healthOf(r: ResultFile): ShardHealth[] {
  if (r.shardSet) return r.shardSet.health;
  if (!r.shard) return [];
  const t = r.summary.total;
  return [
    {
      index: r.shard.index,
      hostname: r.environment.hostname,
      workers: r.environment.workers,
      cpus: r.environment.cpus,
      durationMs: r.run.durationMs,
      ...(r.run.cpuMs !== undefined ? { cpuMs: r.run.cpuMs } : {}),
      scheduled: t.scheduled,
      sent: t.sent,
      dropped: t.dropped,
      late: t.late,
      ...(r.shard.startLateMs !== undefined ? { startLateMs: r.shard.startLateMs } : {}),
    },
  ];
}

/** A merged result and the verdict on its shard set. */
export interface ShardedMerge {
  merged: ResultFile;
  check: ShardSetCheck;
}

/**
 * Merge results, checking first that a sharded run is complete. Throws InputError (exit 2) listing
 * every problem — a missing shard named by its index — unless `force`; with `force` the problems
 * become warnings of the merged result. Results of independent generators (no shard) merge as before.
 */
export function mergeShards(results: ResultFile[], names: string[], force = false): ShardedMerge {
  const check = checkShardSet(results.map((r, i) => ({ name: names[i], coverage: coverageOf(r) })));
  if (check.problems.length > 0 && !force) {
    throw new InputError(`not one whole sharded run:\n  ${check.problems.join('\n  ')}\nmerge every shard 0…${(check.count ?? 1) - 1} of one run, or use --force to merge anyway`);
  }
  const merged = mergeResults(results, { force, names });
  if (!check.sharded) return { merged, check };
  const health = results.flatMap(healthOf).sort((a, b) => a.index - b.index);
  const indices = [...new Set(results.flatMap((r) => coverageOf(r)?.indices ?? []))].sort((a, b) => a - b);
  merged.shardSet = { count: check.count!, planHash: check.planHash!, indices, health };
  for (const p of check.problems) merged.summary.warnings.push(`incomplete sharded run (merged with --force): ${p}; the result is not the whole plan`);
  const late = health.filter((h) => (h.startLateMs ?? 0) > START_TOLERANCE_MS);
  if (late.length > 0) {
    merged.summary.warnings.push(
      `${late.length === 1 ? 'shard' : 'shards'} ${formatIndices(late.map((h) => h.index))} started late (${late.map((h) => `${h.index}: ${Math.round(h.startLateMs!)} ms`).join(', ')}): ${late.length === 1 ? 'its' : 'their'} first arrivals were sent late or dropped`,
    );
  }
  return { merged, check };
}

/** One shard's health as numbers for a table: CPU cores busy on average = cpuMs / durationMs. */
export function healthRow(h: ShardHealth): { index: number; hostname: string; workers: number; coresBusy?: number; scheduled: number; sent: number; dropped: number; late: number; startLateMs?: number } {
  return {
    index: h.index,
    hostname: h.hostname,
    workers: h.workers,
    ...(h.cpuMs !== undefined && h.durationMs > 0 ? { coresBusy: h.cpuMs / h.durationMs } : {}),
    scheduled: h.scheduled,
    sent: h.sent,
    dropped: h.dropped,
    late: h.late,
    ...(h.startLateMs !== undefined ? { startLateMs: h.startLateMs } : {}),
  };
}
