import type { Profile } from '../profile/types.js';
import type { IntervalRecord, ResultFile } from '../results/types.js';

/** Live progress after each merged 1-second interval (for the progress line, sweeps, demos). */
export interface RunProgress {
  /** Seconds since the run started. */
  elapsedSec: number;
  /** Planned duration of the run in seconds. */
  totalSec: number;
  /** The interval just merged (all workers, all endpoints). */
  interval: IntervalRecord;
}

/** Options for {@link runLoad}. Every field is optional. */
export interface RunOptions {
  /** Worker threads (default: max(1, cpus − 1), capped at 8). */
  workers?: number;
  /** undici connections per worker per origin (default: open 32, closed = ceil(users per worker)). */
  connections?: number;
  /** Abort to stop the run early: sending stops, in-flight requests get `graceMs`, the partial result is returned with run.interrupted = true. */
  signal?: AbortSignal;
  /** Grace period for in-flight requests after the end or an abort, in ms (default 2000). */
  graceMs?: number;
  /** Write the result file here (atomic). With `write: true` and no `out`, writes `reports/<profile>-<YYYYMMDD-HHMMSS>.json` under `cwd`. */
  out?: string;
  /** Write the result file (default: true when `out` is given, else false). */
  write?: boolean;
  /** Base folder for the default report path (default process.cwd()). */
  cwd?: string;
  /** Override the profile's seed. */
  seed?: number;
  /** Environment for `${env:NAME}` header templates (default process.env). */
  env?: Record<string, string | undefined>;
  /** Probe the target with one HTTP request before starting; TargetUnreachableError if it fails (default true). */
  probe?: boolean;
  /** Called once per merged interval. */
  onProgress?: (p: RunProgress) => void;
}

/** What {@link runLoad} returns: the assembled result, and the path it was written to (when written). */
export interface RunOutcome {
  result: ResultFile;
  path?: string;
}

/**
 * Run a load test: start the workers, drive the shape, merge 1-second snapshots and
 * assemble the result file. Never exits the process and never prints.
 * Throws TargetUnreachableError when the target cannot be reached before the start.
 * When `signal` aborts, resolves with the partial result (run.interrupted = true).
 */
export async function runLoad(profile: Profile, opts: RunOptions = {}): Promise<RunOutcome> {
  void profile;
  void opts;
  throw new Error('runLoad: not implemented yet');
}
