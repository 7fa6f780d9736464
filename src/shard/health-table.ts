/** Each shard's generator health as a renderer-neutral table: merge and collect print it, reports show it. */
import type { Cell, Doc, DocTable } from '../render/document.js';
import { formatCount, formatValue } from '../render/format.js';
import type { ShardHealth, ShardSetRecord } from '../results/types.js';
import { healthRow } from './merge-shards.js';
import { shortPlanHash } from './plan-hash.js';

/** Heading of the health table wherever it is shown. */
export const SHARD_HEALTH_HEADING = 'Generator health per shard';

/** Column heads of the health table. */
export const SHARD_HEALTH_COLUMNS = ['shard', 'host', 'workers', 'CPU cores busy', 'scheduled', 'sent', 'dropped', 'late', 'start late (ms)'];

/**
 * One row: host, worker threads, CPU cores busy on average (cpuMs / durationMs), scheduled, sent,
 * dropped and late arrivals, and how late the shard was ready after the agreed start. Unknown values
 * show as `–`, never guessed.
 */
export function shardHealthCells(h: ShardHealth): Cell[] {
  const r = healthRow(h);
  return [
    r.index,
    r.hostname,
    r.workers,
    r.coresBusy === undefined ? '–' : formatValue(r.coresBusy, 'count'),
    formatCount(r.scheduled),
    formatCount(r.sent),
    formatCount(r.dropped),
    formatCount(r.late),
    r.startLateMs === undefined ? '–' : formatCount(Math.round(r.startLateMs)),
  ];
}

/** The health table, one row per shard. */
export function shardHealthTable(health: ShardHealth[]): DocTable {
  return { columns: SHARD_HEALTH_COLUMNS, rows: health.map(shardHealthCells) };
}

/** The health table of a merged sharded run as a document, titled with its plan and how many shards it holds. */
export function shardHealthDoc(set: ShardSetRecord): Doc {
  return {
    title: `sharded run: plan ${shortPlanHash(set.planHash)}, ${set.indices.length} of ${set.count} shards`,
    sections: [{ heading: SHARD_HEALTH_HEADING, table: shardHealthTable(set.health) }],
    data: set,
  };
}
