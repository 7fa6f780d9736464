/**
 * Who limited a sweep step: the load generator's own CPU, the target, the machine's CPU as a
 * whole, or nothing (the load stayed below capacity). Pure: measured fractions in, a name and
 * the numbers behind it out.
 *
 *   target     the built-in target's simulated workers were ≥ 90 % busy over the step
 *              (Δ∫busy dt / (workers × Δt)), or its event loop was ≥ 90 % busy;
 *   generator  else the generator's busiest worker thread was ≥ 90 % busy (event-loop utilisation)
 *              in at least half the measured seconds;
 *   cpu        else this process (generator threads, and the built-in target when it runs in-process)
 *              used ≥ 90 % of the machine's cores: cpuMs / durationMs ≥ 0.9 × cores;
 *   none       else, when the target was measured: neither side reached its limit (on a machine whose
 *              load average exceeds its cores, other processes took the CPU: see {@link machineOverloaded});
 *   unmeasured else (your own service): the generator had room, so the limit was probably the
 *              target, but its limit was not measured (a monitored CPU figure is shown beside it, but
 *              capplan cannot know how many cores the service may use).
 */
import { BUSY_LIMIT } from '../results/generator.js';
import { formatNumber } from '../render/format.js';

/** Share of a limit at which a resource counts as saturated (the generator self-check's BUSY_LIMIT, 90 %). */
export const SATURATED = BUSY_LIMIT;

/** What was measured during one step (fractions 0..1; null when not measured). */
export interface StepResources {
  /** The generator's busiest worker thread: the largest per-second busy fraction in the measured window. */
  generatorBusyMax: number | null;
  /** Share of the measured seconds whose busiest generator thread was ≥ 90 % busy. */
  generatorSaturatedShare: number | null;
  /** Cores this process used on average over the step: cpuMs / durationMs (null when the result has no cpuMs). */
  processCores: number | null;
  /** Cores of the machine. */
  cores: number;
  /** The built-in target's workers: busy fraction over the step (null: not the built-in target). */
  targetWorkersBusy: number | null;
  /** The built-in target's event loop (the main thread it runs on): busy fraction over the step (null: not in-process). */
  targetLoopBusy: number | null;
  /** CPU cores the target used, from the load's monitor of its /metrics or its pid (null: not monitored); shown, not judged (its core count is unknown). */
  targetCpuCores?: number | null;
  /** The machine's 1-minute load average at the end of the step (runnable threads, all processes; 0 where the OS has none). */
  loadAverage: number;
}

/** The name of the step's limit (see the module comment). */
export type BottleneckName = 'target' | 'generator' | 'cpu' | 'none' | 'unmeasured';

/** Name the bottleneck of one step (rules in the module comment). */
export function nameBottleneck(r: StepResources): BottleneckName {
  if ((r.targetWorkersBusy ?? 0) >= SATURATED || (r.targetLoopBusy ?? 0) >= SATURATED) return 'target';
  if ((r.generatorSaturatedShare ?? 0) >= 0.5) return 'generator';
  if (r.processCores !== null && r.processCores >= SATURATED * r.cores) return 'cpu';
  return r.targetWorkersBusy !== null || r.targetLoopBusy !== null ? 'none' : 'unmeasured';
}

/** How a bottleneck name reads in a table cell. */
export const BOTTLENECK_LABEL: Record<BottleneckName, string> = {
  target: 'target',
  generator: 'GENERATOR (its own CPU)',
  cpu: 'machine CPU (shared)',
  none: 'neither at its limit',
  unmeasured: 'not the generator (target limit unknown)',
};

/** Other processes competed for the CPU: the load average was above the machine's cores. */
export function machineOverloaded(r: StepResources): boolean {
  return r.loadAverage > r.cores;
}

/**
 * The warning for steps measured on an overloaded machine (none when there were none): their
 * figures are lower bounds, whatever the bottleneck column says.
 */
export function overloadWarning(resources: ReadonlyArray<StepResources | undefined>): string[] {
  const over = resources.filter((r): r is StepResources => r !== undefined && machineOverloaded(r));
  if (over.length === 0) return [];
  const worst = over.reduce((a, b) => (b.loadAverage > a.loadAverage ? b : a));
  return [
    `${over.length} of ${resources.filter(Boolean).length} steps ran while the machine's load average (up to ${formatNumber(worst.loadAverage, 3)}) exceeded its ${worst.cores} cores: ` +
      'other processes competed for the CPU, so req/s may be low and p99 high there even where neither side reached its limit; re-run on a quiet machine before planning with them',
  ];
}
