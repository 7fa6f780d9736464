/**
 * `GET /metrics` of the built-in target, in the Prometheus text format: prom-client's default
 * process and Node.js runtime metrics (heap, RSS, event-loop lag, GC durations, ...) plus the
 * target's own counters, read from its stats at scrape time.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
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
