/**
 * The result file: the interface between `load` and every other command.
 * Versioned JSON, written atomically. See docs/result-file.md for the documented schema.
 *
 * Units: durations in ms unless the name says otherwise; latency histograms are
 * HdrHistogram V2, compressed base64, values in microseconds.
 */
import type { ChaosRecord, MonitorRecordJson } from '../monitor/record-schema.js';

/** `kind` field of every result file. */
export const RESULT_KIND = 'capplan-result';
/** Current result-file schema version. Readers accept versions they know and refuse newer ones clearly. */
export const RESULT_VERSION = 1;

/** Transport-level failure kinds (no HTTP response). */
export const TRANSPORT_ERROR_KINDS = ['refused', 'reset', 'timeout', 'dns', 'tls', 'other'] as const;
/** Error kinds counted per endpoint: transport kinds plus HTTP error statuses (backpressure excluded). */
export const ERROR_KINDS = [...TRANSPORT_ERROR_KINDS, 'http4xx', 'http5xx'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Counters for one endpoint over one interval (or a whole run). All add exactly when merged.
 *
 * error rate = (Σ errors + backpressure) / completed
 */
export interface Counters {
  /** Arrivals the schedule intended in this interval (open model) or iterations users started (closed). */
  scheduled: number;
  /** Requests actually put on the wire. */
  sent: number;
  /** Requests that finished: with a response (any status) or a transport error. */
  completed: number;
  /** Responses with status < 400. */
  ok: number;
  /** Responses by status code, e.g. `{ "200": 950, "429": 50 }`. */
  statusCodes: Record<string, number>;
  /** Failures by kind. 429/503 backpressure responses are counted in `backpressure`, not here. */
  errors: Partial<Record<ErrorKind, number>>;
  /** 429 or 503 responses: the target pushed back (subset of statusCodes). */
  backpressure: number;
  /** Of `backpressure`, responses that carried a Retry-After header. */
  retryAfter: number;
  /** Arrivals never sent because the generator could not keep up (open model). */
  dropped: number;
  /** Arrivals sent later than `lateThresholdMs` after their intended time (open model). */
  late: number;
  /** Response bytes received (body). */
  bytesIn: number;
  /** Request bytes sent (body). */
  bytesOut: number;
}

/** One endpoint's data in one interval (or the whole run): counters plus encoded histograms. */
export interface EndpointData extends Counters {
  /** Latency from the *intended* send time to completion (coordinated-omission corrected), µs, encoded. */
  latency: string;
  /** Service time from the actual send time to completion (uncorrected), µs, encoded. */
  service: string;
}

/** One 1-second interval, aligned on wall-clock seconds so shards from several machines merge exactly. */
export interface IntervalRecord {
  /** Wall-clock second (Unix epoch, integer) this interval covers: [epochSec, epochSec + 1). */
  epochSec: number;
  /** Seconds since the run started (epochSec − floor(startEpochMs / 1000)). */
  t: number;
  /** Target level at this second from the shape: req/s (open model) or users (closed model). */
  targetLevel: number;
  /** Closed model: users active at the end of the interval (summed over workers). 0 in the open model. */
  activeUsers: number;
  /** Per-endpoint data, keyed by endpoint name. Endpoints with no activity may be absent. */
  endpoints: Record<string, EndpointData>;
  /** The generator's self-check for this second (absent in files written before it existed). */
  generator?: GeneratorSecond;
}

/**
 * What the load generator measured about itself in one wall-clock second. Merging (workers,
 * shards): busy and lag take the maximum, counts add, lateness histograms add exactly.
 */
export interface GeneratorSecond {
  /** Highest event-loop utilisation of any worker thread: the fraction of the second its thread was busy (≈ its CPU share), in [0, 1]. */
  busy: number;
  /** Highest 99th-percentile event-loop delay of any worker thread, ms (how late its timers and I/O callbacks ran). */
  lagP99Ms: number;
  /** Highest event-loop delay of any worker thread, ms. */
  lagMaxMs: number;
  /** Requests that found every allowed connection busy and had to wait for one (summed). */
  queued: number;
  /** Most requests in flight at once in the second (summed over workers: an upper bound of the fleet's). */
  inflightMax: number;
  /** Connections the generator may open (summed over workers). */
  connectionLimit: number;
  /** Lateness of the requests sent in this second: actual − intended send time, µs, encoded HDR histogram ('' = none sent). */
  lateness: string;
}

/** A named segment of the run (ramp, spike, steady, ramp-down…), in seconds since start. */
export interface Phase {
  name: string;
  startSec: number;
  endSec: number;
}

/** Latency percentiles in milliseconds. */
export interface LatencySummaryMs {
  min: number;
  mean: number;
  stdev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Summary of one endpoint, or of all endpoints together (`name: "total"`). */
export interface EndpointSummary {
  name: string;
  /** Completed requests. */
  count: number;
  /** Intended arrivals per second over the run (scheduled / duration). */
  targetRate: number;
  /** Completed requests per second over the run (completed / duration). */
  achievedRate: number;
  /** Latency from the intended send time (corrected for coordinated omission). */
  latencyMs: LatencySummaryMs;
  /** Service time from the actual send time (uncorrected). */
  serviceMs: LatencySummaryMs;
  /** (Σ errors + backpressure) / completed, as a fraction in [0, 1]. */
  errorRate: number;
  errors: Partial<Record<ErrorKind, number>>;
  statusCodes: Record<string, number>;
  backpressure: number;
  retryAfter: number;
  scheduled: number;
  sent: number;
  dropped: number;
  late: number;
  bytesIn: number;
  bytesOut: number;
}

/** The run's summary, stored in the result file and printed at the end of `load`. */
export interface Summary {
  /** Measured duration of the run in seconds (wall clock, start to last completion). */
  durationSec: number;
  total: EndpointSummary;
  endpoints: EndpointSummary[];
  /** Human-readable warnings: dropped/late arrivals, interrupted run, etc. */
  warnings: string[];
  /** The generator's self-check over the run (absent when the intervals carry none, e.g. older files). */
  generator?: GeneratorSummary;
}

/** Lateness percentiles (actual − intended send time), ms. */
export interface LatenessSummaryMs {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Who limited a run that fell short of its plan. */
export type Bottleneck = 'generator' | 'target';

/** The generator's self-check over a whole run, derived from the intervals' {@link GeneratorSecond}s. */
export interface GeneratorSummary {
  /** Lateness of every sent request (actual − intended send time), ms. */
  latenessMs: LatenessSummaryMs;
  /** Highest per-second event-loop utilisation of any worker, in [0, 1]. */
  busyMax: number;
  /** Highest per-second event-loop delay p99 of any worker, ms. */
  lagP99MsMax: number;
  /** Requests that waited for a connection. */
  queued: number;
  /** Most connections the generator could open (largest per-second value). */
  connectionLimit: number;
  /**
   * Set when the run fell short of its plan (arrivals dropped, or more than 1% of sent requests
   * late): `generator` when the worker threads were saturated in the seconds that fell short, else
   * `target` when requests waited on every allowed connection while the target answered slowly.
   */
  bottleneck?: Bottleneck;
}


/** Where and how the run happened. */
export interface Environment {
  capplanVersion: string;
  nodeVersion: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  hostname: string;
  /** Load-generator worker threads used. */
  workers: number;
  /** undici connections per worker. */
  connections: number;
}

/** The profile as run. Secrets are never stored: headers keep their `${env:NAME}` templates. */
export interface ResultProfile {
  /** Profile name (the `name:` field, or the file's base name). */
  name: string;
  /** Path of the profile file, when there was one. */
  file?: string;
  model: 'open' | 'closed';
  /** Target URL (`builtin` resolved to the URL actually used). */
  target: string;
  /** Thresholds from the profile: keys are endpoint names or `total`, optionally `@PHASE` (`total@steady`), values SLO expressions like `p99<200ms`. */
  thresholds?: Record<string, string[]>;
  /** The normalised profile, as JSON (secrets unresolved). */
  spec: unknown;
}

/** Run timing. */
export interface RunInfo {
  /** ISO time the run started. */
  startedAt: string;
  /** Unix epoch ms the run started (t = 0 of the schedule). */
  startEpochMs: number;
  /** ISO time the run ended. */
  endedAt: string;
  /** Actual duration in ms. */
  durationMs: number;
  /** Duration the profile asked for (after --scale), in ms. */
  plannedDurationMs: number;
  /** True when stopped early by SIGINT/SIGTERM (a partial result). */
  interrupted: boolean;
  /** The --scale factor applied to every duration (1 = as written). */
  scale: number;
  phases: Phase[];
  /** CPU time (user + system, all threads) the generator process used from the start of its workers to the end, ms. Absent in older files. */
  cpuMs?: number;
}

/** A complete result file. */
export interface ResultFile {
  kind: typeof RESULT_KIND;
  version: typeof RESULT_VERSION;
  profile: ResultProfile;
  environment: Environment;
  run: RunInfo;
  /** Per-second, per-endpoint data in time order. */
  intervals: IntervalRecord[];
  summary: Summary;
  /** Set by `merge`: how many shards this result combines (absent or 1 for a single generator). */
  shards?: number;
  /** Set by `merge` when the shards hit different target URLs: every target, sorted (`profile.target` is the first shard's). */
  targets?: string[];
  /** Labels given with `load --label KEY=VALUE` (e.g. commit, branch): `history --by KEY` groups runs by them. */
  labels?: Record<string, string>;
  /** Set by `load` in a sharded run: this generator's shard, plan and start. */
  shard?: ShardRecord;
  /** Set by `merge` of a sharded run: which shards the result holds and each one's generator health. */
  shardSet?: ShardSetRecord;
  /** Set by `load` when it monitored the target (`monitor:` / `--monitor`): scrape counts and series, t in the load's seconds. */
  monitor?: MonitorRecordJson;
  /** Set by `load` when it ran a chaos schedule: the steps as applied and the windows with faults on. */
  chaos?: ChaosRecord;
}

/** One generator's place in a sharded run (src/shard/). */
export interface ShardRecord {
  /** 0-based shard index (JOB_COMPLETION_INDEX in Kubernetes). */
  index: number;
  /** Shards in the run. */
  count: number;
  /** sha256 (hex) of the plan: profile, seed, shard count (src/shard/plan-hash.ts). */
  planHash: string;
  /** The agreed start every shard aimed at (Unix epoch ms), when one was given. */
  startAtMs?: number;
  /** How long after `startAtMs` this shard's workers were ready (ms, ≥ 0); its arrivals due before then were sent late or dropped. */
  startLateMs?: number;
}

/** The generator health of one shard, kept in a merged result. */
export interface ShardHealth {
  index: number;
  hostname: string;
  /** Worker threads and CPUs of the generator. */
  workers: number;
  cpus: number;
  /** Measured duration of the shard's run, ms. */
  durationMs: number;
  /** CPU time the shard's generator process used (ms), when recorded. */
  cpuMs?: number;
  scheduled: number;
  sent: number;
  dropped: number;
  late: number;
  /** How late the shard was ready after the agreed start (ms), when one was given. */
  startLateMs?: number;
}

/** What a merged result holds of a sharded run. */
export interface ShardSetRecord {
  count: number;
  planHash: string;
  /** Shard indices merged in, ascending (all of 0 … count − 1 unless merged with --force). */
  indices: number[];
  /** Per shard, ascending by index. */
  health: ShardHealth[];
}

/** Fresh zeroed counters. */
export function emptyCounters(): Counters {
  return {
    scheduled: 0,
    sent: 0,
    completed: 0,
    ok: 0,
    statusCodes: {},
    errors: {},
    backpressure: 0,
    retryAfter: 0,
    dropped: 0,
    late: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
}

/** Add counters `b` into `a` (mutates and returns `a`). Exact: every field is a sum. */
export function addCounters<T extends Counters>(a: T, b: Counters): T {
  a.scheduled += b.scheduled;
  a.sent += b.sent;
  a.completed += b.completed;
  a.ok += b.ok;
  a.backpressure += b.backpressure;
  a.retryAfter += b.retryAfter;
  a.dropped += b.dropped;
  a.late += b.late;
  a.bytesIn += b.bytesIn;
  a.bytesOut += b.bytesOut;
  for (const [k, v] of Object.entries(b.statusCodes)) a.statusCodes[k] = (a.statusCodes[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.errors) as Array<[ErrorKind, number]>) a.errors[k] = (a.errors[k] ?? 0) + v;
  return a;
}
