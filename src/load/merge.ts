/**
 * Merges worker snapshots into one IntervalRecord per wall-clock second. Exact: counters add,
 * histograms add bucket by bucket, so the order snapshots arrive in does not matter.
 */
import { mergeEncoded } from '../results/histogram.js';
import { addGeneratorSecond, emptyGeneratorSecond } from '../results/generator.js';
import { addCounters, type EndpointData, type IntervalRecord } from '../results/types.js';
import type { Shape } from '../shapes/types.js';
import { splitLevel, usersAt } from '../schedule/closed-users.js';
import type { SecondSnapshot } from './protocol.js';

/** Exact merge of `b` into `a` (mutates `a`). */
export function mergeEndpointData(a: EndpointData, b: EndpointData): EndpointData {
  const { latency, service, ...counters } = b;
  addCounters(a, counters);
  a.latency = !a.latency ? latency : !latency ? a.latency : mergeEncoded([a.latency, latency]);
  a.service = !a.service ? service : !service ? a.service : mergeEncoded([a.service, service]);
  return a;
}

/** The run an {@link IntervalMerger} merges for: its shape, model and start. */
export interface RunTiming {
  shape: Shape;
  model: 'open' | 'closed';
  /** Unix epoch ms of t = 0. */
  startEpochMs: number;
  /** In a sharded run, this generator's shard: its target level is its share of the plan's. */
  share?: { index: number; count: number };
  /** Connections the generator may open over all workers (the self-check's connectionLimit; default 0). */
  connectionLimit?: number;
}

/**
 * Target level of one wall-clock second from the shape, with s = (epochSec·1000 − startEpochMs)/1000
 * clamped to [0, duration]:
 *   open:   cumulative(s + 1) − cumulative(s)  (arrivals intended in that second, i.e. req/s)
 *   closed: usersAt(midpoint of the second)    (users)
 * Shard I of N carries its share, so the shards' levels add up to the plan's when merged:
 *   open: level / N (it sends every N-th arrival); closed: splitLevel(users, I, N)
 */
export function targetLevelAt(run: RunTiming, epochSec: number): number {
  const { shape, model, startEpochMs, share } = run;
  const n = share?.count ?? 1;
  const clamp = (t: number) => Math.min(shape.durationSec, Math.max(0, t));
  const a = clamp((epochSec * 1000 - startEpochMs) / 1000);
  const b = clamp((epochSec * 1000 + 1000 - startEpochMs) / 1000);
  if (b <= a) return 0;
  if (model === 'open') return Math.round(((shape.cumulative(b) - shape.cumulative(a)) / n) * 1000) / 1000;
  const users = usersAt(shape, (a + b) / 2);
  return share ? splitLevel(users, share.index, share.count) : users;
}

/** Accumulates worker snapshots into interval records. */
export class IntervalMerger {
  private readonly byEpoch = new Map<number, IntervalRecord>();
  private readonly activeByWorker = new Map<number, Map<number, number>>();
  private readonly startSec: number;

  constructor(private readonly run: RunTiming) {
    this.startSec = Math.floor(run.startEpochMs / 1000);
  }

  /** The record for `epochSec`, created empty (with its target level) when missing. */
  record(epochSec: number): IntervalRecord {
    let iv = this.byEpoch.get(epochSec);
    if (!iv) {
      iv = {
        epochSec,
        t: epochSec - this.startSec,
        targetLevel: targetLevelAt(this.run, epochSec),
        activeUsers: 0,
        endpoints: {},
      };
      this.byEpoch.set(epochSec, iv);
    }
    return iv;
  }

  /** Merge one worker's second into the matching record. */
  add(workerIndex: number, s: SecondSnapshot): IntervalRecord {
    const iv = this.record(s.epochSec);
    for (const [name, data] of Object.entries(s.endpoints)) {
      const have = iv.endpoints[name];
      iv.endpoints[name] = have ? mergeEndpointData(have, data) : data;
    }
    if (s.sender || s.loop) {
      if (!iv.generator) iv.generator = { ...emptyGeneratorSecond(), connectionLimit: this.run.connectionLimit ?? 0 };
      addGeneratorSecond(iv.generator, { ...s.sender, ...s.loop });
    }
    if (s.activeUsers !== undefined) {
      let m = this.activeByWorker.get(s.epochSec);
      if (!m) this.activeByWorker.set(s.epochSec, (m = new Map()));
      m.set(workerIndex, s.activeUsers);
      iv.activeUsers = [...m.values()].reduce((x, y) => x + y, 0);
    }
    return iv;
  }

  /** Every record from the start second through `lastEpochSec` (gaps filled with empty seconds), in time order. */
  intervals(lastEpochSec: number): IntervalRecord[] {
    for (let s = this.startSec; s <= lastEpochSec; s++) this.record(s);
    return [...this.byEpoch.values()].sort((a, b) => a.epochSec - b.epochSec);
  }
}
