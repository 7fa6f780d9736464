/**
 * Messages between the coordinator (main thread) and the load workers.
 * Only counters and encoded HDR histograms cross `postMessage`, never per-request samples,
 * so message size and coordinator memory stay flat with the request count.
 */
import type { Profile } from '../profile/types.js';
import type { EndpointData } from '../results/types.js';

/** `workerData` each worker starts with. */
export interface WorkerInit {
  profile: Profile;
  /** This worker's index, 0 ≤ workerIndex < workerCount. */
  workerIndex: number;
  workerCount: number;
  /** undici connections this worker may open to the target origin. */
  connections: number;
  /** Connections to open before t = 0 (more open on demand, up to `connections`). */
  preopen: number;
  /**
   * Requests this worker sends to the target before t = 0 to warm its send path (see load/warm-up.ts); 0 for no
   * warm-up at all; undefined for the default (the open model's local warm-up at ≥ LOCAL_WARMUP_MIN_RATE per worker).
   */
  warmupRequests: number | undefined;
  /** Seed for this run (the worker derives its own streams from it and its index). */
  seed: number;
  /** Environment for `${env:NAME}` header templates. */
  env: Record<string, string | undefined>;
  /** Open model: an arrival still unsent after this many ms is dropped instead of sent (ms). */
  maxLagMs: number;
  /** Open model: most arrivals that may wait for a free connection before new ones are dropped. */
  maxBacklog: number;
  /** At the planned end, how long in-flight requests may take to finish before they are abandoned (ms). */
  graceMs: number;
  /** Accept TLS certificates that do not verify (self-signed, wrong host). */
  insecure: boolean;
}

/** Coordinator → worker. */
export type ToWorker =
  /** Start at this wall-clock time (Unix epoch ms, t = 0 of the schedule). */
  | { type: 'start'; startEpochMs: number }
  /** Stop sending now; wait up to `graceMs` for in-flight requests, then ship everything and finish. */
  | { type: 'stop'; graceMs: number };

/** One wall-clock second of one worker's data. */
export interface SecondSnapshot {
  /** Unix epoch second the data belongs to. */
  epochSec: number;
  /** Per endpoint name: counters and encoded latency/service histograms (µs). */
  endpoints: Record<string, EndpointData>;
  /** Closed model: users this worker had active at the end of the second, when known. */
  activeUsers?: number;
  /** What the sender saw in this second (see GeneratorSecond): waits for a connection, most in flight, lateness histogram (µs, encoded). */
  sender?: { queued: number; inflightMax: number; lateness: string };
  /** The worker thread's self-check for this second: event-loop utilisation in [0, 1] and delay (ms). */
  loop?: { busy: number; lagP99Ms: number; lagMaxMs: number };
}

/** Worker → coordinator. */
export type FromWorker =
  | { type: 'ready' }
  /**
   * Data for closed seconds. `upToSec`: every event before this epoch second has now been shipped
   * (later messages may still add to earlier seconds, e.g. a drop discovered late; merging is exact).
   */
  | { type: 'snapshot'; seconds: SecondSnapshot[]; upToSec: number }
  /** The worker finished (schedule over or stopped) and shipped its last snapshot. */
  | {
      type: 'done';
      /** Unix epoch ms of the worker's last completion, or of the moment it stopped sending if later. */
      endEpochMs: number;
    }
  | { type: 'error'; message: string };
