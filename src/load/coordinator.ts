/**
 * The coordinator (main thread): starts the worker threads, starts them together at one
 * wall-clock instant, merges their 1-second snapshots and stops them on abort.
 */
import { Worker } from 'node:worker_threads';
import type { Profile } from '../profile/types.js';
import type { IntervalRecord } from '../results/types.js';
import type { Shape } from '../shapes/types.js';
import { distPath } from '../util/paths.js';
import { IntervalMerger } from './merge.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { InputError } from '../errors.js';
import type { ShardSpec } from '../shard/spec.js';
import { workerSlice } from '../shard/slice.js';
import { decideStart } from '../shard/start-barrier.js';

/** Settings the coordinator hands to every worker. */
export interface CoordinatorConfig {
  workers: number;
  connections: number;
  /** Connections each worker opens before t = 0. */
  preopen: number;
  /** Requests each worker sends to the target before t = 0, outside the result (0: no warm-up; undefined: the default, see WorkerInit). */
  warmupRequests: number | undefined;
  seed: number;
  env: Record<string, string | undefined>;
  graceMs: number;
  maxLagMs: number;
  maxBacklog: number;
  insecure: boolean;
  signal?: AbortSignal;
  /** Called when every worker has shipped a second (each second of the run once, in order). */
  onInterval?: (iv: IntervalRecord) => void;
  /** This generator's shard of a sharded run: its workers run slices of the whole plan (src/shard/slice.ts). */
  shard?: ShardSpec;
  /** Start the schedule at this instant (Unix epoch ms) instead of just after the workers are ready. */
  startAtMs?: number;
  /** Called once with the instant (Unix epoch ms) every worker starts at. */
  onStart?: (startEpochMs: number) => void;
}

/** What the workers produced. */
export interface CoordinatedRun {
  startEpochMs: number;
  /** Last completion (or stop) over all workers, Unix epoch ms. */
  endEpochMs: number;
  interrupted: boolean;
  intervals: IntervalRecord[];
  /** With `startAtMs`: how long after it the workers were ready (ms, ≥ 0). */
  startLateMs?: number;
}

/** Delay between "all workers ready" and t = 0, so every worker starts on the same instant (ms). */
const START_DELAY_MS = 50;

/** Run `profile` on `cfg.workers` worker threads and merge what they record. */
export async function coordinate(profile: Profile, shape: Shape, cfg: CoordinatorConfig): Promise<CoordinatedRun> {
  const n = cfg.workers;
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) {
    // Worker i of shard I runs slice I + N·i of N·n: the shards' workers together run the whole plan once.
    const slice = workerSlice(cfg.shard, i, n);
    const init: WorkerInit = {
      profile, workerIndex: slice.index, workerCount: slice.count, connections: cfg.connections, preopen: cfg.preopen, warmupRequests: cfg.warmupRequests, seed: cfg.seed, env: cfg.env,
      maxLagMs: cfg.maxLagMs, maxBacklog: cfg.maxBacklog, graceMs: cfg.graceMs, insecure: cfg.insecure,
    };
    workers.push(new Worker(distPath('load/worker.js'), { workerData: init }));
  }
  const send = (m: ToWorker) => workers.forEach((w) => w.postMessage(m));

  let merger: IntervalMerger | null = null;
  let startEpochMs = 0;
  let startLateMs: number | undefined;
  const upTo = new Array<number>(n).fill(-Infinity);
  let reported = -Infinity;
  let interrupted = false;
  /** Epoch second in which the stop arrived (interrupted runs only). */
  let stopSec = Infinity;
  /** Latest epoch second any worker shipped data (a counter or active users) for. */
  let lastDataSec = -Infinity;
  let endEpochMs = 0;
  /**
   * Seconds before `cutSec` are seconds of the run and are always kept, even when empty (the target
   * was idle, or the rate was 0): every planned second of a run that completed, so their target
   * levels add up to the plan. From `cutSec` on (the grace period, or after a stop the partial second
   * of the stop and everything later) a second is kept only up to the last one with data, so an
   * interrupted run has no made-up empty seconds after the stop:
   *   cutSec = interrupted ? stopSec : ⌊(start + duration)/1000⌋ + 1
   */
  const cutSec = () => Math.min(stopSec, Math.floor((startEpochMs + shape.durationSec * 1000) / 1000) + 1);
  /** Report (onInterval) every kept second before `beforeSec`, in order, once. */
  const reportUpTo = (beforeSec: number) => {
    const firstSec = Math.floor(startEpochMs / 1000);
    const last = Math.min(beforeSec - 1, Math.max(cutSec() - 1, lastDataSec));
    for (let s = Math.max(reported + 1, firstSec); s <= last; s++) {
      reported = s;
      cfg.onInterval?.(merger!.record(s));
    }
  };

  const result = new Promise<void>((resolve, reject) => {
    let ready = 0;
    let done = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          if (++ready === n) {
            if (cfg.startAtMs === undefined) startEpochMs = Date.now() + START_DELAY_MS;
            else {
              // The agreed instant stays t = 0 even when late: overdue arrivals go out late or are dropped, never shifted.
              const now = Date.now();
              const d = decideStart(cfg.startAtMs, now, shape.durationSec * 1000);
              if (d.kind === 'missed' || d.kind === 'too-far') {
                const when = new Date(cfg.startAtMs).toISOString();
                fail(new InputError(d.kind === 'missed'
                  ? `the agreed start ${when} was ${Math.round(d.lateMs / 1000)} s ago: the whole planned run (${shape.durationSec} s) is already over`
                  : `the agreed start ${when} is more than 24 h ahead (${Math.round(d.aheadMs / 3_600_000)} h)`));
                return;
              }
              startEpochMs = cfg.startAtMs;
              startLateMs = Math.max(0, now - cfg.startAtMs);
            }
            cfg.onStart?.(startEpochMs);
            merger = new IntervalMerger({ shape, model: profile.model, startEpochMs, share: cfg.shard, connectionLimit: n * cfg.connections });
            send({ type: 'start', startEpochMs });
          }
        } else if (m.type === 'snapshot') {
          for (const s of m.seconds) {
            merger!.add(i, s);
            if (Object.keys(s.endpoints).length > 0 || s.activeUsers) lastDataSec = Math.max(lastDataSec, s.epochSec);
          }
          upTo[i] = m.upToSec;
          // Live progress only up to the planned end (or the stop): grace seconds come with the final result.
          reportUpTo(Math.min(Math.min(...upTo), cutSec()));
        } else if (m.type === 'done') {
          endEpochMs = Math.max(endEpochMs, m.endEpochMs);
          if (++done === n) resolve();
        } else if (m.type === 'error') {
          fail(new Error(`load worker ${i} failed: ${m.message}`));
        }
      });
      w.on('error', (err) => fail(new Error(`load worker ${i} crashed: ${err.message}`)));
      w.on('exit', (code) => {
        if (code !== 0) fail(new Error(`load worker ${i} exited with code ${code}`));
      });
    });
  });

  const onAbort = () => {
    interrupted = true;
    stopSec = Math.floor(Date.now() / 1000);
    send({ type: 'stop', graceMs: cfg.graceMs });
  };
  if (cfg.signal?.aborted) onAbort();
  else cfg.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await result;
  } finally {
    cfg.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  }
  const m = merger as IntervalMerger | null;
  if (!m) return { startEpochMs: Date.now(), endEpochMs: Date.now(), interrupted, intervals: [], startLateMs };
  const end = Math.max(endEpochMs, startEpochMs);
  const lastSec = Math.max(cutSec() - 1, lastDataSec, Math.floor(startEpochMs / 1000));
  return { startEpochMs, endEpochMs: end, interrupted, intervals: m.intervals(lastSec).filter((iv) => iv.epochSec <= lastSec), startLateMs };
}
