/**
 * The built-in target's auto-scaler: the seed rule of §17.5.4 (the same code `capplan autoscale`
 * simulates) resizing the worker pool. Every tick it measures, over the tick just ended,
 *   demand       = jobs offered / Δt                          (admitted or refused, req/s)
 *   utilisation  = Δ∫busy dt / (workers × Δt)                 (busy fraction, 0..1)
 * and decides with u = demand / (workers × 1000 / mean service ms) at the tick's scheduled time
 * t_k = k × tick (k = 1, 2, …), so the cooldowns count ticks: a timer that fires a millisecond early
 * or late cannot move a decision across a cooldown boundary, and `capplan autoscale --compare`,
 * which replays the ticks at k × tick, decides exactly as the live scaler did. The samples keep the
 * measured time. The clock is injected; the interval timer is the only I/O (and `tick()` can be
 * driven by hand).
 */
import { seedPolicy } from '../analysis/autoscale/seed-policy.js';
import type { TargetAutoscaleConfig } from './autoscale-spec.js';
import type { WorkerPool } from './pool.js';

/** One tick of the live auto-scaler. */
export interface PoolAutoscaleSample {
  /** Seconds since the auto-scaler started. */
  tSec: number;
  /** Workers after the decision. */
  workers: number;
  /** Busy fraction of the workers over the tick just ended. */
  utilisation: number;
  /** Jobs offered per second over the tick just ended. */
  demandPerSec: number;
  action: 'up' | 'down' | 'hold';
}

/** Samples kept (one hour at 1 s). */
export const MAX_SAMPLES = 3600;

/** A running auto-scaler. */
export interface PoolAutoscaler {
  /** Measure and decide now (the timer calls this every tick). */
  tick(): PoolAutoscaleSample;
  /** The latest sample (before the first tick: the start state). */
  latest(): PoolAutoscaleSample;
  /** Every sample kept, oldest first. */
  samples(): PoolAutoscaleSample[];
  /** Start the interval timer (unref'd). */
  start(): void;
  stop(): void;
}

/** Create the auto-scaler for `pool`; it resizes the pool to `minWorkers` at once. */
export function createPoolAutoscaler(pool: WorkerPool, cfg: TargetAutoscaleConfig, meanServiceMs: number, now: () => number = () => performance.now()): PoolAutoscaler {
  const policy = seedPolicy(
    { kind: 'seed', targetUtilisation: cfg.targetUtilisation, upCooldownSec: cfg.upCooldownSec, downCooldownSec: cfg.downCooldownSec },
    { minReplicas: cfg.minWorkers, maxReplicas: cfg.maxWorkers },
  );
  pool.resize(Math.min(Math.max(pool.workers, cfg.minWorkers), cfg.maxWorkers));
  const t0 = now();
  let prev = { t: t0, ...pool.counters(), workers: pool.workers };
  const kept: PoolAutoscaleSample[] = [];
  let last: PoolAutoscaleSample = { tSec: 0, workers: pool.workers, utilisation: 0, demandPerSec: 0, action: 'hold' };
  let timer: NodeJS.Timeout | undefined;
  let ticks = 0;

  const tick = (): PoolAutoscaleSample => {
    const t = now();
    const c = pool.counters();
    const dtMs = Math.max(1e-9, t - prev.t);
    const demandPerSec = ((c.offered - prev.offered) * 1000) / dtMs;
    const utilisation = Math.min(1, (c.busyMs - prev.busyMs) / (prev.workers * dtMs));
    const before = pool.workers;
    ticks++;
    // The decision's clock is the scheduled tick time k × tick (see the module comment).
    const d = policy.decide({ tSec: ticks * cfg.tickSec, replicas: before, readyReplicas: before, demandPerSec, capacityPerReplicaPerSec: 1000 / meanServiceMs });
    if (d.replicas !== before) pool.resize(d.replicas);
    last = { tSec: (t - t0) / 1000, workers: pool.workers, utilisation, demandPerSec, action: d.replicas > before ? 'up' : d.replicas < before ? 'down' : 'hold' };
    kept.push(last);
    if (kept.length > MAX_SAMPLES) kept.shift();
    prev = { t, ...c, workers: pool.workers };
    return last;
  };

  return {
    tick,
    latest: () => last,
    samples: () => [...kept],
    start() {
      timer ??= setInterval(tick, cfg.tickSec * 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
