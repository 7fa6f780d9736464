/**
 * Is a set of result files one whole sharded run? Pure: it looks only at what each file says
 * about its shards. `merge` refuses an incomplete or mixed set (exit 2) unless forced.
 */
import { shortPlanHash } from './plan-hash.js';

/** What one input file covers of a sharded run: a single shard, or a merge of several. */
export interface ShardCoverage {
  /** Shard count N of the run. */
  count: number;
  /** Plan hash (profile, seed, N) every shard of the run computed. */
  planHash: string;
  /** Shard indices this file holds (one for a shard's own result). */
  indices: number[];
}

/** One input of a merge: its name (file path) and what it covers, if it came from a sharded run. */
export interface ShardInput {
  name: string;
  coverage?: ShardCoverage;
}

/** The verdict on a set of inputs. */
export interface ShardSetCheck {
  /** True when at least one input came from a sharded run. */
  sharded: boolean;
  /** Shard count of the run (of the first sharded input). */
  count?: number;
  planHash?: string;
  /** Indices 0 … N−1 that no input holds, ascending. */
  missing: number[];
  /** Every problem, one sentence each, naming the files; empty when the set is one whole run. */
  problems: string[];
}

/**
 * Check that the inputs are exactly one sharded run: every input sharded, one shard count N and
 * one plan hash, and every index 0 … N−1 held by exactly one input. A set with no sharded input
 * (independent generators) is not checked: `sharded` is false and there are no problems.
 */
export function checkShardSet(inputs: ShardInput[]): ShardSetCheck {
  const first = inputs.find((i) => i.coverage);
  if (!first?.coverage) return { sharded: false, missing: [], problems: [] };
  const { count, planHash } = first.coverage;
  const problems: string[] = [];
  const holders = new Map<number, string[]>();
  for (const input of inputs) {
    const c = input.coverage;
    if (!c) {
      problems.push(`${input.name} is not from a sharded run (it has no shard), but ${first.name} is shard data of ${count}`);
      continue;
    }
    if (c.count !== count) {
      problems.push(`${input.name} is from a run of ${c.count} shards, but ${first.name} is from a run of ${count}`);
      continue;
    }
    if (c.planHash !== planHash) {
      problems.push(`${input.name} ran plan ${shortPlanHash(c.planHash)}, but ${first.name} ran plan ${shortPlanHash(planHash)} (the profile, seed or shard count differ)`);
      continue;
    }
    for (const i of c.indices) holders.set(i, [...(holders.get(i) ?? []), input.name]);
  }
  for (const [i, names] of [...holders.entries()].sort(([a], [b]) => a - b)) {
    if (names.length > 1) problems.push(`shard ${i} of ${count} is given ${names.length} times (${names.join(', ')})`);
  }
  const missing: number[] = [];
  for (let i = 0; i < count; i++) if (!holders.has(i)) missing.push(i);
  if (missing.length > 0) {
    problems.push(`${missing.length === 1 ? `shard ${missing[0]} of ${count} is` : `shards ${formatIndices(missing)} of ${count} are`} missing`);
  }
  return { sharded: true, count, planHash, missing, problems };
}

/** Indices as `0, 2, 5–9` (runs of three or more collapse to a range). */
export function formatIndices(sorted: number[]): string {
  const parts: string[] = [];
  for (let k = 0; k < sorted.length; ) {
    let e = k;
    while (e + 1 < sorted.length && sorted[e + 1] === sorted[e] + 1) e++;
    if (e - k >= 2) parts.push(`${sorted[k]}–${sorted[e]}`);
    else for (let x = k; x <= e; x++) parts.push(String(sorted[x]));
    k = e + 1;
  }
  return parts.join(', ');
}
