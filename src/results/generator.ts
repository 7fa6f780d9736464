/**
 * The generator's self-check, per second and over a run: merging the per-second measurements
 * (worker threads, shards) and deciding who limited a run that fell short of its plan.
 * Pure: intervals in, a summary and warnings out.
 */
import { decodeHistogram, latencyStatsMs, mergeEncoded, type Histogram } from './histogram.js';
import type { Bottleneck, EndpointSummary, GeneratorSecond, GeneratorSummary, IntervalRecord } from './types.js';
import { maxOf } from '../util/extrema.js';
import { formatCount, formatNumber, formatPercent } from '../render/format.js';

/** A worker thread busier than this share of a second could not keep up (event-loop utilisation). */
export const BUSY_LIMIT = 0.9;
/**
 * A run fell short when arrivals were dropped, or more than this share of the sent requests left late (1%: a few
 * late sends in a thousand are scheduling noise, still counted and shown as `late`, not a shortfall to blame).
 */
export const LATE_SHARE_LIMIT = 0.01;

/** One part of a second's self-check: what one worker (or one shard) measured. */
export type GeneratorPart = Partial<GeneratorSecond>;

/** An empty self-check second. */
export function emptyGeneratorSecond(): GeneratorSecond {
  return { busy: 0, lagP99Ms: 0, lagMaxMs: 0, queued: 0, inflightMax: 0, connectionLimit: 0, lateness: '' };
}

/**
 * Add `part` into `into` (mutates and returns it): busy, lagP99Ms, lagMaxMs take the maximum;
 * queued, inflightMax and connectionLimit add; lateness histograms add exactly.
 */
export function addGeneratorSecond(into: GeneratorSecond, part: GeneratorPart): GeneratorSecond {
  into.busy = Math.max(into.busy, part.busy ?? 0);
  into.lagP99Ms = Math.max(into.lagP99Ms, part.lagP99Ms ?? 0);
  into.lagMaxMs = Math.max(into.lagMaxMs, part.lagMaxMs ?? 0);
  into.queued += part.queued ?? 0;
  into.inflightMax += part.inflightMax ?? 0;
  into.connectionLimit += part.connectionLimit ?? 0;
  const l = part.lateness ?? '';
  if (l !== '') into.lateness = into.lateness === '' ? l : mergeEncoded([into.lateness, l]);
  return into;
}

/**
 * Was the generator itself saturated in this second? Its busiest thread was busy ≥ BUSY_LIMIT of
 * the second. (Event-loop delay alone is not enough: a thread that waits on a hung target is idle
 * but may still see delays when other processes crowd the machine.)
 */
export function generatorSaturated(g: GeneratorSecond): boolean {
  return g.busy >= BUSY_LIMIT;
}

/** Dropped and late requests of one second, over its endpoints. */
function shortfallOf(iv: IntervalRecord): number {
  let n = 0;
  for (const d of Object.values(iv.endpoints)) n += d.dropped + d.late;
  return n;
}

/**
 * Who limited a run that fell short, second by second over the seconds with dropped or late
 * requests (shortfall = dropped + late):
 *   generator  when its busiest thread was saturated ({@link generatorSaturated});
 *   target     else when at least half the shortfall waited for a connection (queued ≥ shortfall / 2:
 *              every allowed connection was busy waiting on the target);
 *   generator  else (requests left late while connections were free: the event loop ran late).
 * The larger count of seconds wins (ties go to the generator, whose fix is cheaper to try);
 * undefined when no second fell short or none carries a self-check.
 */
export function findBottleneck(intervals: IntervalRecord[]): Bottleneck | undefined {
  let gen = 0;
  let target = 0;
  for (const iv of intervals) {
    const g = iv.generator;
    const short = shortfallOf(iv);
    if (!g || short === 0) continue;
    if (!generatorSaturated(g) && g.queued * 2 >= short) target++;
    else gen++;
  }
  if (gen === 0 && target === 0) return undefined;
  return gen >= target ? 'generator' : 'target';
}

/** Did the run fall short of its plan: any dropped arrival, or more than LATE_SHARE_LIMIT of sent requests late. */
export function fellShort(total: EndpointSummary): boolean {
  return total.dropped > 0 || total.late > LATE_SHARE_LIMIT * total.sent;
}

/**
 * The run's self-check from its intervals, or undefined when none carries one (older files).
 * Lateness percentiles come from the merged per-second lateness histograms (µs → ms).
 */
export function summariseGenerator(intervals: IntervalRecord[], total: EndpointSummary): GeneratorSummary | undefined {
  const seconds = intervals.map((iv) => iv.generator).filter((g): g is GeneratorSecond => g !== undefined);
  if (seconds.length === 0) return undefined;
  const encoded = seconds.map((g) => g.lateness).filter((l) => l !== '');
  let h: Histogram | null = null;
  const s = encoded.length > 0 ? latencyStatsMs((h = decodeHistogram(mergeEncoded(encoded)))) : null;
  h?.destroy();
  const out: GeneratorSummary = {
    latenessMs: { p50: s?.p50Ms ?? 0, p99: s?.p99Ms ?? 0, max: s?.maxMs ?? 0, mean: s?.meanMs ?? 0 },
    busyMax: maxOf(seconds.map((g) => g.busy)),
    lagP99MsMax: maxOf(seconds.map((g) => g.lagP99Ms)),
    queued: seconds.reduce((a, g) => a + g.queued, 0),
    connectionLimit: maxOf(seconds.map((g) => g.connectionLimit)),
  };
  const b = fellShort(total) ? findBottleneck(intervals) : undefined;
  if (b) out.bottleneck = b;
  return out;
}

/**
 * The warning that names the bottleneck of a run that fell short (none otherwise):
 *   generator: sent ÷ planned arrivals, the busiest thread's share and delay, and what to do: more worker threads or
 *              shards when a thread was saturated (busy ≥ BUSY_LIMIT); when none was, its event loop was held up by
 *              something else (other processes on the CPUs, garbage collection) and more threads would not help;
 *   target:    requests that waited on busy connections while the generator had room.
 */
export function bottleneckWarnings(g: GeneratorSummary | undefined, total: EndpointSummary): string[] {
  const connectionLimit = g?.connectionLimit ?? 0;
  if (!g?.bottleneck) return [];
  if (g.bottleneck === 'generator') {
    const planned = total.scheduled;
    const onTime = Math.max(0, total.sent - total.late);
    const facts =
      `The GENERATOR fell short of the plan: ${formatCount(onTime)} of ${formatCount(planned)} planned requests (${formatPercent(planned > 0 ? onTime / planned : 0)}) left on time, ` +
      `${formatCount(total.dropped)} were dropped and ${formatCount(total.late)} left late; its busiest worker thread was up to ${formatPercent(g.busyMax)} busy, with event-loop delays (p99) up to ${formatNumber(g.lagP99MsMax)} ms. The target rate shown is the plan's.`;
    const advice =
      g.busyMax >= BUSY_LIMIT
        ? 'Add worker threads (--workers, up to the CPU cores) or split the load over more machines (--shard); if other processes share this machine\'s CPUs, they may be the cause.'
        : `No worker thread was saturated (${formatPercent(BUSY_LIMIT)} busy or more), so more of them would not help: something else held their event loops up, most likely other processes competing for this machine's CPUs (see its load average) or garbage collection. Run on a quieter machine, or with fewer other jobs beside it.`;
    return [`${facts} ${advice}`];
  }
  return [
    `The TARGET is the bottleneck, not the generator: ${formatCount(g.queued)} requests waited because ${connectionLimit > 0 ? `all ${connectionLimit}` : 'all'} connections were busy waiting on responses ` +
      `(service p99 ${formatNumber(total.serviceMs.p99)} ms), while the busiest worker thread was only ${formatPercent(g.busyMax)} busy. More connections help only if the target has spare capacity; otherwise lower the rate.`,
  ];
}
