import type { ChaosStep } from '../chaos/schedule.js';
import type { ShapeSpec } from '../shapes/registry.js';

/** Stages and shape specs belong to src/shapes (one module per shape); re-exported for the profile's users. */
export type { Stage } from '../shapes/types.js';
export type { ShapeSpec } from '../shapes/registry.js';

/**
 * The normalised, validated profile: what the engine runs. Produced by
 * src/profile (parse → normalise → validate) from YAML. Durations are in ms,
 * levels in req/s (open model) or users (closed model).
 */

/** Open = arrival rate (requests are scheduled at intended times). Closed = virtual users with think time. */
export type LoadModel = 'open' | 'closed';

/** How a path parameter's keys are drawn. */
export type KeyDistribution =
  | { kind: 'uniform'; min: number; max: number }
  /** Zipf over ranks 1..n with exponent s: P(k) ∝ 1/k^s. */
  | { kind: 'zipf'; n: number; s: number }
  /** Pareto (Type I) with scale xm and shape alpha, floored to integers and capped at `max` when given. */
  | { kind: 'pareto'; xm: number; alpha: number; max?: number }
  | { kind: 'list'; values: Array<string | number>; weights?: number[] }
  | { kind: 'sequence'; start: number };

/** One endpoint of the weighted mix. */
export interface EndpointSpec {
  /** Unique name, used in reports. */
  name: string;
  method: string;
  /** Path template, e.g. `/item/{id}`; `{random}` and `{uuid}` are built in. */
  path: string;
  /** Relative weight (> 0); probability = weight / Σ weights. */
  weight: number;
  params: Record<string, KeyDistribution>;
  /** Header templates; `${env:NAME}` is resolved only inside the generator, never stored. */
  headers: Record<string, string>;
  /** JSON body template (strings may contain `{random}`, `{uuid}`, `{param}`), or undefined. */
  body?: unknown;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** Total request deadline in ms, when the profile sets one (else requestDeadlineMs in defaults.ts). */
  deadlineMs?: number;
}

/** A validated, normalised profile. Durations already multiplied by --scale. */
export interface Profile {
  /** Name for reports: the `name:` field or the file's base name. */
  name: string;
  /** Path of the profile file (absent for profiles built in code). */
  file?: string;
  /** Target base URL, or `builtin` to start the built-in demo target in-process. */
  target: string;
  model: LoadModel;
  shape: ShapeSpec;
  endpoints: EndpointSpec[];
  /** Closed model: uniform think time between a user's requests, in ms. */
  thinkTime: { minMs: number; maxMs: number };
  /** Headers added to every endpoint (endpoint headers win); templates as in EndpointSpec.headers. */
  headers: Record<string, string>;
  /** Default per-request timeout in ms. */
  timeoutMs: number;
  /** Default total request deadline in ms, when the profile sets one. */
  deadlineMs?: number;
  /** Open model: deterministic (evenly spaced) or Poisson arrivals. */
  arrivals: 'uniform' | 'poisson';
  /** A request sent more than this many ms after its intended time counts as late. */
  lateThresholdMs: number;
  /** Requests each worker thread sends before t = 0, outside the result, to warm its send path (absent: none). */
  warmupRequests?: number;
  /** Seed for key distributions and the mix (reproducible runs). */
  seed: number;
  /** Thresholds: keys are endpoint names or `total`, optionally `@PHASE` (`total@steady`: only that phase); values SLO expressions like `p99<200ms`. */
  thresholds: Record<string, string[]>;
  /** Settings for the built-in target when `target: builtin`. */
  builtinTarget?: { workers?: number; serviceTimeMs?: number; queue?: number };
  /** The --scale factor that was applied to every duration. */
  scale: number;
  /** What to watch during the run (the target's /metrics, a process); see src/monitor. */
  monitor?: MonitorSpec;
  /** Chaos steps sent to the target's (or proxy's) switch during the run; `atSec` already × scale. */
  chaos?: ChaosStep[];
}

/** The profile's `monitor:` section, normalised. */
export interface MonitorSpec {
  /** Prometheus endpoints; `builtin` means the built-in target's /metrics. */
  urls: string[];
  /** Scrape interval, ms (default 1000). */
  everyMs?: number;
  /** Metric names to keep (`*` wildcard); absent = all. */
  allow?: string[];
  /** A local process to sample from /proc. */
  pid?: number;
}
