import type { ChaosConfig } from '../chaos/config.js';
import type { ChaosSwitch } from '../chaos/switch.js';

/**
 * Types of the built-in demo target: a simulated service with a bounded pool of
 * workers, a bounded FIFO queue and 429 backpressure when the queue is full.
 */

/** How each request's service time is drawn around its mean. */
export type ServiceDistribution = 'constant' | 'exponential' | 'lognormal';

/** Service distributions accepted by `--distribution`. */
export const SERVICE_DISTRIBUTIONS: readonly ServiceDistribution[] = ['constant', 'exponential', 'lognormal'];

/**
 * Mean service time in ms: one number for every endpoint, or a map keyed by
 * `"METHOD /first-segment"` (e.g. `{ 'GET /item': 5, 'POST /item': 20 }`) with an
 * optional `'*'` entry as the default for everything else.
 */
export type ServiceTimeSpec = number | Record<string, number>;

import type { TargetAutoscaleConfig } from './autoscale-spec.js';
import type { PoolAutoscaleSample } from './pool-autoscaler.js';

/** Options of {@link startTarget}. */
export interface TargetOptions {
  /** TCP port; 0 (default) = an ephemeral free port. */
  port?: number;
  /** Only loopback is supported: the target is a local demo, never exposed. */
  host?: '127.0.0.1';
  /** Simulated servers: how many requests are in service at once (≥ 1). */
  workers: number;
  /** Mean service time per request, ms (> 0), or a per-endpoint map. */
  serviceTimeMs: ServiceTimeSpec;
  /** Distribution of each request's service time around the mean; default `constant`. */
  serviceDistribution?: ServiceDistribution;
  /** Waiting requests beyond busy workers (FIFO, ≥ 0); when full, answer 429 at once. */
  queue: number;
  /** Seed for the service-time sampler (reproducible runs); default 1. */
  seed?: number;
  /** Bytes of heap retained per served request, never freed (a deliberate leak for soak tests); default 0. */
  leakBytesPerRequest?: number;
  /** Chaos faults injected into the item routes from the start (switchable at run time via `/__chaos`). */
  chaos?: ChaosConfig;
  /** Resize the worker pool with the seed rule (§17.5.4); `workers` is then the starting size, kept within min..max. */
  autoscale?: TargetAutoscaleConfig;
}

/** Counters of one endpoint key (`"GET /item"`). */
export interface EndpointStats {
  served: number;
  rejected: number;
}

/** What `GET /stats` returns and `stats()` gives in-process. Counters are exact. */
export interface TargetStats {
  /** Requests that held a worker and were answered (2xx/4xx from the handler, not 429). */
  served: number;
  /** Requests answered 429 because the queue was full. */
  rejected: number;
  /** Requests waiting for a worker right now. */
  queueLength: number;
  /** Workers holding a request right now. */
  busyWorkers: number;
  /** ∫ busy workers dt since the start, in worker-ms: utilisation over [t₁, t₂] = Δ busyMs / (workers × (t₂ − t₁) ms). */
  busyMs: number;
  /** Largest queue length seen since start. */
  maxQueueSeen: number;
  /** Workers now (they change with --autoscale). */
  workers: number;
  /** Configured queue bound. */
  queueLimit: number;
  /** Nominal capacity in req/s at the default service time: workers × 1000 / serviceTimeMs. */
  capacityPerSec: number;
  /** Requests that left (client closed) while queued, never served. */
  abandoned: number;
  /** Requests to unknown routes (404, not counted as served). */
  notFound: number;
  /** Per endpoint key. */
  endpoints: Record<string, EndpointStats>;
  /** With --autoscale: the latest tick (workers, busy fraction and offered req/s over the last tick). */
  autoscale?: PoolAutoscaleSample;
}

/** A running target. */
export interface RunningTarget {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Snapshot of the counters. */
  stats(): TargetStats;
  /** The run-time chaos switch (also served at `/__chaos`). */
  chaos: ChaosSwitch;
  /** With --autoscale: every tick kept so far (one hour at 1 s), oldest first; else empty. */
  autoscaleSamples(): PoolAutoscaleSample[];
  /** Stop accepting, drop idle keep-alive sockets, cancel in-flight timers and resolve when closed. */
  close(): Promise<void>;
}
