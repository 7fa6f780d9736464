/**
 * Programmatic entry of the load engine (used by `capplan load`, `demo`, `sweep`, `bench`).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InputError, ValidationError } from '../errors.js';
import { checkEnv } from '../mix/env.js';
import type { Profile } from '../profile/types.js';
import { assembleResult } from '../results/assemble.js';
import type { IntervalRecord, ResultFile } from '../results/types.js';
import { saveResultFile } from '../results/write.js';
import { checkWritable } from '../util/atomic-write.js';
import { coordinate } from './coordinator.js';
import { describeEnvironment } from './environment.js';
import { buildShape } from '../shapes/registry.js';
import { peakLevel } from '../shapes/peak.js';
import { probeTarget } from './probe.js';
import { defaultReportPath } from './report-path.js';
import { splitTargetUrl } from '../util/target-url.js';
import { startBuiltinTarget } from './builtin-target.js';
import type { ShardSpec } from '../shard/spec.js';
import { planHash } from '../shard/plan-hash.js';
import { START_TOLERANCE_MS } from '../shard/start-barrier.js';
import { startWatch } from './watch.js';

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
  /** Worker threads (default: max(1, cpus − 1), capped at 8 and by the load: 1 per 5000 req/s or per user). */
  workers?: number;
  /** Connections per worker (default: {@link defaultConnections}). */
  connections?: number;
  /** Connections each worker opens before t = 0, outside the measurement (default: {@link preopenConnections}). */
  preopen?: number;
  /** Requests each worker sends to the target before t = 0, outside the result, to warm its send path; 0 turns every warm-up off (default: the profile's `warmupRequests`, else the open model's local warm-up, see load/warm-up.ts). */
  warmupRequests?: number;
  /** Abort to stop the run early: sending stops, in-flight requests get `graceMs`, the partial result is returned with run.interrupted = true. */
  signal?: AbortSignal;
  /** Grace period for in-flight requests after the end or an abort, in ms (default 2000). */
  graceMs?: number;
  /** Write the result file here (atomic). */
  out?: string;
  /** Write the result file (default: true when `out` is given, else false). Without `out`: `reports/<profile>-<YYYYMMDD-HHMMSS>.json` under `cwd`. */
  write?: boolean;
  /** Base folder for the default report path (default process.cwd()). */
  cwd?: string;
  /** Override the profile's seed. */
  seed?: number;
  /** Environment for `${env:NAME}` header templates (default process.env). */
  env?: Record<string, string | undefined>;
  /** Probe the target with one HTTP request before starting; TargetUnreachableError if it fails (default true). */
  probe?: boolean;
  /** Open model: an arrival still waiting for a connection after this long is dropped (ms, default 10000). */
  maxLagMs?: number;
  /** Accept TLS certificates that do not verify (self-signed, wrong host name); default false: such errors count as `tls`. */
  insecure?: boolean;
  /** Called once per merged interval. */
  onProgress?: (p: RunProgress) => void;
  /** Run only this shard of the plan (arrivals k ≡ index mod count; closed model: its share of users). */
  shard?: ShardSpec;
  /** Start the schedule at this instant (Unix epoch ms), e.g. the agreed start of a sharded run. */
  startAtMs?: number;
  /** Labels stored in the result file (`labels`), e.g. `{ commit: 'abc123' }`. */
  labels?: Record<string, string>;
}

/** What {@link runLoad} returns: the assembled result, and the path it was written to (when written). */
export interface RunOutcome {
  result: ResultFile;
  path?: string;
  /** The destination could not be written at the end: the result went to `path` in the OS temp folder instead. */
  writeFailed?: { path: string; reason: string };
}

/** Default worker threads: max(1, cpus − 1), at most 8. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

/**
 * Default connections per worker. Closed: ⌈peak users ÷ workers⌉ (one per user). Open: enough
 * for a 100 ms mean service time at the peak rate by Little's law (L = λ·W = rate/worker × 0.1 s),
 * at least 64 and at most 10 000. Connections open lazily, only when all open ones are busy.
 */
export function defaultConnections(model: 'open' | 'closed', peak: number, workers: number): number {
  if (model === 'closed') return Math.max(1, Math.ceil(peak / workers));
  return Math.min(10_000, Math.max(64, Math.ceil((peak / workers) * 0.1)));
}

/** Most connections a worker opens before t = 0 (more open on demand during the run). */
const MAX_PREOPEN = 1000;

/**
 * Connections each worker opens before t = 0, so the first requests do not pay for connecting:
 *   open:   4 + ⌈rate(0)/workers × 2 ms⌉  (Little's law, L = λ·W, for a 2 ms round trip, plus headroom)
 *   closed: ⌈users(0)/workers⌉            (one per user active at the start)
 * at most `connections` and MAX_PREOPEN; the pool grows on demand from there.
 */
export function preopenConnections(model: 'open' | 'closed', levelAtStart: number, workers: number, connections: number): number {
  const perWorker = levelAtStart / workers;
  const want = model === 'open' ? 4 + Math.ceil(perWorker * 0.002) : Math.ceil(perWorker);
  return Math.max(0, Math.min(connections, MAX_PREOPEN, want));
}

/**
 * Run a load test: start the workers, drive the shape, merge 1-second snapshots and
 * assemble the result file. Never exits the process and never prints.
 * Throws TargetUnreachableError when the target cannot be reached before the start.
 * When `signal` aborts, resolves with the partial result (run.interrupted = true).
 */
export async function runLoad(profile: Profile, opts: RunOptions = {}): Promise<RunOutcome> {
  const env = opts.env ?? process.env;
  const missingEnv = checkEnv(profile, env);
  if (missingEnv.length > 0) throw new ValidationError(profile.file ?? profile.name, missingEnv);
  const shape = buildShape(profile.shape);
  const peak = peakLevel(shape);
  // Check the destination before the first request: an unwritable --out must not cost a whole run.
  const shouldWrite = opts.write ?? opts.out !== undefined;
  const cwd = opts.cwd ?? process.cwd();
  if (shouldWrite) await checkWritable(opts.out ? resolve(cwd, opts.out) : defaultReportPath(profile.name, new Date(), cwd));
  const builtin = profile.target === 'builtin' ? await startBuiltinTarget(profile) : null;
  try {
    const target = builtin ? builtin.url : profile.target;
    try {
      splitTargetUrl(target);
    } catch (err) {
      throw new InputError(`target: ${(err as Error).message}`, profile.file);
    }
    if (opts.probe !== false) await probeTarget(target, { insecure: opts.insecure, signal: opts.signal });

    const byLoad = profile.model === 'open' ? Math.ceil(peak / 5000) : Math.ceil(peak);
    const workers = Math.max(1, Math.floor(opts.workers ?? Math.min(defaultWorkerCount(), Math.max(1, byLoad))));
    const connections = Math.max(1, Math.floor(opts.connections ?? defaultConnections(profile.model, peak, workers)));
    const running: Profile = { ...profile, target };
    const startedAt = new Date();
    const seed = opts.seed ?? profile.seed;
    // process.cpuUsage() is getrusage(RUSAGE_SELF): every thread of the process, workers included.
    const cpuBefore = process.cpuUsage();
    const watch = startWatch(profile, target, builtin);
    const run = await coordinate(running, shape, {
      workers, connections, preopen: opts.preopen ?? preopenConnections(profile.model, shape.rate(0), workers, connections), warmupRequests: opts.warmupRequests ?? profile.warmupRequests, seed, env, shard: opts.shard, startAtMs: opts.startAtMs,
      graceMs: opts.graceMs ?? 2000, maxLagMs: opts.maxLagMs ?? 10_000, maxBacklog: 100_000, insecure: opts.insecure ?? false, signal: opts.signal,
      onInterval: opts.onProgress
        ? (interval) => opts.onProgress!({ elapsedSec: interval.t + 1, totalSec: shape.durationSec, interval })
        : undefined,
      onStart: (startEpochMs) => watch.started(startEpochMs),
    }).catch(async (err: unknown) => {
      await watch.finish(Date.now(), 0);
      throw err;
    });
    const cpu = process.cpuUsage(cpuBefore);
    const watched = await watch.finish(run.startEpochMs, (run.endEpochMs - run.startEpochMs) / 1000);
    const result = assembleResult({
      profile: { name: profile.name, ...(profile.file ? { file: profile.file } : {}), model: profile.model, target, thresholds: profile.thresholds, spec: profile },
      environment: await describeEnvironment(workers, connections),
      run: {
        startedAt: new Date(run.startEpochMs || startedAt.getTime()).toISOString(),
        startEpochMs: run.startEpochMs,
        endedAt: new Date(run.endEpochMs).toISOString(),
        // Whole milliseconds, so summary.durationSec = durationMs / 1000 has at most 3 decimals.
        durationMs: Math.max(0, Math.round(run.endEpochMs - run.startEpochMs)),
        plannedDurationMs: Math.round(shape.durationSec * 1000),
        interrupted: run.interrupted,
        scale: profile.scale,
        phases: shape.phases.map((p) => ({ ...p })),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      },
      intervals: run.intervals,
      endpointOrder: profile.endpoints.map((e) => e.name),
    });
    if (opts.shard) {
      // The hash is of the profile as given (target `builtin` unresolved), so every shard computes the same one.
      result.shard = {
        index: opts.shard.index, count: opts.shard.count, planHash: planHash(profile, seed, opts.shard.count),
        ...(opts.startAtMs !== undefined ? { startAtMs: opts.startAtMs, startLateMs: run.startLateMs ?? 0 } : {}),
      };
      if ((run.startLateMs ?? 0) > START_TOLERANCE_MS) {
        result.summary.warnings.push(`shard ${opts.shard.index}/${opts.shard.count} was ready ${Math.round(run.startLateMs!)} ms after the agreed start (tolerance ${START_TOLERANCE_MS} ms): arrivals due before then were sent late or dropped`);
      }
    }
    Object.assign(result, watched);
    if (opts.labels && Object.keys(opts.labels).length > 0) result.labels = { ...opts.labels };
    // Dropped, late and abandoned requests are warned about by the summary itself (summaryWarnings).
    if (!shouldWrite) return { result };
    const path = opts.out ? resolve(cwd, opts.out) : defaultReportPath(profile.name, new Date(run.startEpochMs), cwd);
    const saved = await saveResultFile(path, result);
    return { result, path: saved.path, ...(saved.failed ? { writeFailed: saved.failed } : {}) };
  } finally {
    await builtin?.close();
  }
}
