/**
 * Which shard of a sharded run this generator is: `I/N` written by hand, or the index
 * Kubernetes puts in `JOB_COMPLETION_INDEX` for the pods of an Indexed Job. Pure: the
 * environment is passed in. Problems come back as what was expected; `src/cli/` names the flag.
 */

/** One generator's place in a sharded run: shard `index` of `count` (0 ≤ index < count). */
export interface ShardSpec {
  /** 0-based, as Kubernetes numbers Indexed Job pods. */
  index: number;
  /** How many shards run the plan together (≥ 1). */
  count: number;
}

/** A parsed value, or what was expected instead (the caller adds where the text came from and the text). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

/** Most shards one run may have (far above any sensible fleet of load generators; catches typos). */
export const MAX_SHARDS = 1000;

/** The environment variable Kubernetes sets to the pod's index in an Indexed Job. */
export const INDEX_ENV = 'JOB_COMPLETION_INDEX';

const WHOLE = /^\s*(\d+)\s*$/;

/** Parse a shard count `N` (1 ≤ N ≤ {@link MAX_SHARDS}). */
export function parseShardCount(text: string): Parsed<number> {
  const m = WHOLE.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= MAX_SHARDS)) return { ok: false, expected: `a whole number of shards from 1 to ${MAX_SHARDS}` };
  return { ok: true, value: n };
}

/** Parse `I/N`: shard I of N, 0 ≤ I < N (e.g. `0/3`, `2/3`). */
export function parseShardSpec(text: string): Parsed<ShardSpec> {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { ok: false, expected: 'I/N, shard I of N counted from 0, e.g. 0/3' };
  const index = Number(m[1]);
  const count = parseShardCount(m[2]);
  if (!count.ok) return { ok: false, expected: `I/N with N ${count.expected.replace(/^a whole number of shards /, '')}` };
  if (index >= count.value) {
    return { ok: false, expected: `I/N with 0 ≤ I < N (shards count from 0, as ${INDEX_ENV} does: ${count.value} shards are 0/${count.value} … ${count.value - 1}/${count.value})` };
  }
  return { ok: true, value: { index, count: count.value } };
}

/**
 * Shard `JOB_COMPLETION_INDEX` of `count`, reading the index from `env`
 * (Kubernetes sets it in every pod of an Indexed Job: 0 … completions − 1).
 */
export function shardFromIndexEnv(count: number, env: Record<string, string | undefined>): Parsed<ShardSpec> {
  const raw = env[INDEX_ENV];
  if (raw === undefined || raw.trim() === '') {
    return { ok: false, expected: `${INDEX_ENV} to be set (Kubernetes sets it in the pods of an Indexed Job; elsewhere give the shard as I/N)` };
  }
  const m = WHOLE.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  if (!(index >= 0 && index < count)) {
    return { ok: false, expected: `${INDEX_ENV} to be a whole number from 0 to ${count - 1} for ${count} shards (got "${raw}")` };
  }
  return { ok: true, value: { index, count } };
}
