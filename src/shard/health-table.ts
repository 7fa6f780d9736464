/** Each shard's generator health as a renderer-neutral table (merge prints it; reports can show it). */
import type { Doc, DocTable } from '../render/document.js';
import type { ShardHealth, ShardSetRecord } from '../results/types.js';
import { shortPlanHash } from './plan-hash.js';
import { healthRow } from './merge-shards.js';

/**
 * One row per shard: host, worker threads, CPU cores busy on average (cpuMs / durationMs), scheduled,
 * sent, dropped and late arrivals, and how late the shard was ready after the agreed start (ms).
 * Unknown values are left empty, never guessed.
 */
export function shardHealthTable(health: ShardHealth[]): DocTable {
  return {
    title: 'Generator health per shard',
    columns: ['shard', 'host', 'workers', 'CPU cores busy', 'scheduled', 'sent', 'dropped', 'late', 'start late ms'],
    rows: health.map((h) => {
      const r = healthRow(h);
      return [r.index, r.hostname, r.workers, r.coresBusy === undefined ? undefined : Math.round(r.coresBusy * 100) / 100, r.scheduled, r.sent, r.dropped, r.late, r.startLateMs === undefined ? undefined : Math.round(r.startLateMs)];
    }),
  };
}

/** The health table of a merged sharded run as a document, titled with its plan and how many shards it holds. */
export function shardHealthDoc(set: ShardSetRecord): Doc {
  return { title: `sharded run: plan ${shortPlanHash(set.planHash)}, ${set.indices.length} of ${set.count} shards`, sections: [{ table: shardHealthTable(set.health) }], data: set };
}
