/**
 * The side-effecting part of a sweep: run each planned step with runLoad, one after
 * another, and measure it; and run the workers × service-time matrix against the
 * built-in target, one target per cell.
 */
import { runLoad } from '../load/run.js';
import type { Profile } from '../profile/types.js';
import { startTarget } from '../target/index.js';
import { nominalCapacityPerSec } from '../target/service-time.js';
import { measureStep } from './measure.js';
import { NO_WINDOW, machineCores, machineLoadAverage, measuredWindow, watchTarget, type StatsSource } from './resources.js';
import { matrixConcurrency, stepProfile } from './plan.js';
import { adHocProfile } from './profiles.js';
import { BUILTIN_TARGET } from '../util/target-url.js';
import type { MatrixCell, SweepStep, SweepStepPlan } from './types.js';

/** Options of {@link runSweep}. */
export interface SweepRunOptions {
  /** Endpoints, headers and think time come from here; model and shape are replaced per step. */
  base: Profile;
  /** Resolved target URL (never `builtin`: start the target first). */
  target: string;
  steps: SweepStepPlan[];
  /** Abort to stop after the current step (its partial data is discarded). */
  signal?: AbortSignal;
  /** Called after each measured step. */
  onStep?: (step: SweepStep, index: number) => void;
  /** Grace for in-flight requests at the end of each step, ms (default 1000). */
  graceMs?: number;
  /** The built-in target when it runs in this process: its workers and event loop are measured per step. */
  builtin?: StatsSource;
}

/** Run the steps in order; returns the measured steps (fewer when aborted). */
export async function runSweep(opts: SweepRunOptions): Promise<{ steps: SweepStep[]; interrupted: boolean }> {
  const steps: SweepStep[] = [];
  const order = opts.base.endpoints.map((e) => e.name);
  for (const [i, plan] of opts.steps.entries()) {
    if (opts.signal?.aborted) return { steps, interrupted: true };
    const watched = watchTarget(opts.builtin);
    const { result } = await runLoad(stepProfile(opts.base, plan, opts.target), {
      write: false,
      probe: i === 0,
      signal: opts.signal,
      graceMs: opts.graceMs ?? 1000,
    }).catch((err: unknown) => {
      watched(NO_WINDOW);
      throw err;
    });
    if (result.run.interrupted) return { steps, interrupted: true };
    const step = measureStep(result, plan.concurrency, plan.warmupMs, plan.measureMs, order, { target: watched(measuredWindow(result, plan.warmupMs, plan.measureMs)), cores: machineCores(), loadAverage: machineLoadAverage() });
    steps.push(step);
    opts.onStep?.(step, i);
  }
  return { steps, interrupted: false };
}

/** Options of {@link runWorkerMatrix}. */
export interface MatrixRunOptions {
  workers: number[];
  serviceTimesMs: number[];
  warmupMs: number;
  measureMs: number;
  signal?: AbortSignal;
  onCell?: (cell: MatrixCell) => void;
}

/**
 * For each (workers W, service time D): start the built-in target with W workers,
 * constant service D and a queue as large as the users, drive it with
 * matrixConcurrency(W, D) closed-model users (every worker always has a request
 * waiting), measure throughput and p99.
 * Nominal capacity = W × 1000 / D.
 */
export async function runWorkerMatrix(opts: MatrixRunOptions): Promise<{ cells: MatrixCell[]; interrupted: boolean }> {
  const cells: MatrixCell[] = [];
  for (const w of opts.workers) {
    for (const d of opts.serviceTimesMs) {
      if (opts.signal?.aborted) return { cells, interrupted: true };
      const concurrency = matrixConcurrency(w, d);
      const target = await startTarget({ workers: w, serviceTimeMs: d, queue: concurrency, serviceDistribution: 'constant' });
      try {
        const { steps, interrupted } = await runSweep({
          base: adHocProfile({ target: BUILTIN_TARGET, path: '/' }),
          target: target.url,
          steps: [{ concurrency, warmupMs: opts.warmupMs, measureMs: opts.measureMs }],
          signal: opts.signal,
          builtin: target,
        });
        if (interrupted) return { cells, interrupted: true };
        const s = steps[0];
        const cell: MatrixCell = {
          workers: w,
          serviceTimeMs: d,
          concurrency,
          nominal: nominalCapacityPerSec(w, d),
          throughput: s.total.throughput,
          p99Ms: s.total.p99Ms,
          errors: s.total.errors,
          ...(s.bottleneck ? { bottleneck: s.bottleneck } : {}),
        };
        cells.push(cell);
        opts.onCell?.(cell);
      } finally {
        await target.close();
      }
    }
  }
  return { cells, interrupted: false };
}
