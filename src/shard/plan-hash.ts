import { createHash } from 'node:crypto';
import type { Profile } from '../profile/types.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Version of what {@link planHash} hashes; bump it when the hashed fields change meaning. */
const PLAN_HASH_VERSION = 1;

/**
 * The identity of a sharded run's plan: sha256 (hex) of the canonical JSON of
 * { v, profile, seed, shards }. Shards of one run compute it independently and must agree;
 * `merge` refuses shards whose hashes differ.
 *
 * `profile` is the normalised profile (durations already scaled, so `--scale` and `--duration`
 * count) without `file`: the same profile read from another path (another pod, another checkout)
 * is the same plan. `seed` is the seed actually used (a `--seed` override counts). Worker threads
 * and connections per shard are left out: they do not change which arrivals the shards send
 * together (src/shard/slice.ts).
 */
export function planHash(profile: Profile, seed: number, shardCount: number): string {
  const { file: _file, ...plan } = profile;
  const text = canonicalJson({ v: PLAN_HASH_VERSION, profile: plan, seed, shards: shardCount });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The first 12 hex digits of a plan hash, for names and messages (48 bits: collisions need ~16 M plans). */
export function shortPlanHash(hash: string): string {
  return hash.slice(0, 12);
}
