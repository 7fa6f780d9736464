/**
 * `GET /metrics` of the built-in target, in the Prometheus text format: prom-client's default
 * process and Node.js runtime metrics (heap, RSS, event-loop lag, GC durations, ...) plus the
 * target's own counters, read from its stats at scrape time.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChaosState } from '../chaos/switch.js';
import type { TargetStats } from './types.js';

/** What the target's metrics read at each scrape. */
export interface TargetMetricSources {
  stats: () => TargetStats;
  chaos: () => ChaosState;
  /** Bytes retained on purpose by `--leak`. */
  leakedBytes: () => number;
}

/** A registry per target (tests run several targets in one process). */
export function targetRegistry(src: TargetMetricSources): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const registers = [register];
  gcHistogram(register);
  const counter = (name: string, help: string, read: (s: TargetStats) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(src.stats()));
      },
    });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  counter('capplan_target_requests_served_total', 'Requests that held a worker and were answered.', (s) => s.served);
  counter('capplan_target_requests_rejected_total', 'Requests answered 429 because the queue was full.', (s) => s.rejected);
  counter('capplan_target_requests_abandoned_total', 'Requests whose client left while queued.', (s) => s.abandoned);
  gauge('capplan_target_queue_length', 'Requests waiting for a worker.', () => src.stats().queueLength);
  gauge('capplan_target_busy_workers', 'Workers holding a request.', () => src.stats().busyWorkers);
  gauge('capplan_target_workers', 'Workers now (they change with --autoscale).', () => src.stats().workers);
  gauge('capplan_target_utilisation', 'Busy fraction of the workers: over the last auto-scaler tick with --autoscale, else right now.', () => {
    const s = src.stats();
    return s.autoscale?.utilisation ?? s.busyWorkers / s.workers;
  });
  gauge('capplan_target_leaked_bytes', 'Bytes retained on purpose by --leak.', src.leakedBytes);
  new Counter({
    name: 'capplan_target_chaos_injected_total',
    help: 'Faults injected by the chaos switch, by fault (error, reset, slow).',
    labelNames: ['fault'],
    registers,
    collect() {
      this.reset();
      const { injected } = src.chaos();
      for (const [fault, n] of Object.entries(injected)) this.inc({ fault }, n);
    },
  });
  return register;
}

/** prom-client's names for Node's GC kinds. */
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/**
 * `nodejs_gc_duration_seconds{kind}` with every collection counted. prom-client's own (lib/metrics/gc.js, 15.1)
 * observes only the first entry of each batch the PerformanceObserver delivers, so a full collection that ends an
 * incremental marking in the same batch is lost: measured on this target, 1 major collection counted where its
 * incremental markings counted 44. The soak verdict reads the heap after each full collection, so they must all
 * count. Same name, help, labels and buckets; it replaces prom-client's in this registry.
 */
function gcHistogram(register: Registry): void {
  register.removeSingleMetric('nodejs_gc_duration_seconds');
  const h = new Histogram({
    name: 'nodejs_gc_duration_seconds',
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind'],
    buckets: [0.001, 0.01, 0.1, 1, 2, 5],
    registers: [register],
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      const kind = GC_KINDS[e.detail?.kind ?? -1];
      if (kind) h.labels(kind).observe(e.duration / 1000);
    }
  }).observe({ entryTypes: ['gc'] });
}
