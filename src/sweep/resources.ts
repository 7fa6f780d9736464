/**
 * Measuring both sides of a sweep step, where we can: the generator from its result file (the
 * per-second self-check and the process CPU), and the built-in target, when it runs in this
 * process, from its counters and the event loop it runs on.
 *   generator busy      = max over the measured seconds of the busiest worker thread's busy fraction
 *   generator saturated = share of the measured seconds with busy ≥ 90 %
 *   process cores       = run.cpuMs / run.durationMs (every thread of the process)
 *   target workers busy = Δ busyMs / (workers × Δt ms) over the measured window
 *   target loop busy    = the main thread's event-loop utilisation over the measured window
 *   target CPU cores    = Δ process_cpu_seconds_total / Δt over the measured window, from the load's
 *                         monitor (your own service's /metrics or a local pid), summed over sources
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generatorSaturated } from '../results/generator.js';
import type { IntervalRecord, ResultFile } from '../results/types.js';
import type { TargetStats } from '../target/types.js';
import type { StepResources } from './bottleneck.js';
import { maxOf } from '../util/extrema.js';

/** What the built-in target did over one step (fractions 0..1). */
export interface TargetSample {
  workersBusy: number;
  loopBusy: number;
}

/** Something with the built-in target's counters (a RunningTarget). */
export interface StatsSource {
  stats(): TargetStats;
}

/** One reading of the built-in target's cumulative counters. */
export interface Reading {
  epochMs: number;
  /** ∫ busy workers dt, worker-ms. */
  busyMs: number;
  workers: number;
  /** The event loop's cumulative active and idle time, ms (performance.eventLoopUtilization()). */
  active: number;
  idle: number;
}

/** How often the watcher reads the target while a step runs, ms. */
export const READ_EVERY_MS = 100;

/** A watcher of one step: stop it with the step's measured window to get the target's busy fractions. */
export type TargetWatch = (window: { fromEpochMs: number; toEpochMs: number }) => TargetSample | null;

/**
 * Start watching the in-process built-in target for one step: its cumulative counters are read
 * every READ_EVERY_MS; stopping with the measured window gives the busy fractions over that window
 * (cumulative values interpolated linearly at its edges; formulas in the module comment).
 * Without a target: always null.
 */
export function watchTarget(target: StatsSource | undefined): TargetWatch {
  if (!target) return () => null;
  const readings: Reading[] = [];
  const read = () => {
    const s = target.stats();
    const elu = performance.eventLoopUtilization();
    readings.push({ epochMs: Date.now(), busyMs: s.busyMs, workers: s.workers, active: elu.active, idle: elu.idle });
  };
  read();
  const timer = setInterval(read, READ_EVERY_MS);
  timer.unref();
  return (window) => {
    clearInterval(timer);
    read();
    return targetSample(readings, window.fromEpochMs, window.toEpochMs);
  };
}

/** A cumulative field at `epochMs`, interpolated linearly between the readings around it (clamped to the first and last). */
function at(readings: readonly Reading[], epochMs: number, field: 'busyMs' | 'active' | 'idle'): number {
  if (epochMs <= readings[0].epochMs) return readings[0][field];
  for (let i = 1; i < readings.length; i++) {
    const a = readings[i - 1];
    const b = readings[i];
    if (epochMs <= b.epochMs) return b.epochMs === a.epochMs ? b[field] : a[field] + ((b[field] - a[field]) * (epochMs - a.epochMs)) / (b.epochMs - a.epochMs);
  }
  return readings[readings.length - 1][field];
}

/**
 * Busy fractions over [fromEpochMs, toEpochMs] from cumulative readings (oldest first):
 *   workers busy = Δ busyMs / (workers × Δt), workers = the most seen in the window (they change with autoscaling)
 *   loop busy    = Δ active / (Δ active + Δ idle)
 * Null when the window holds no time.
 */
export function targetSample(readings: readonly Reading[], fromEpochMs: number, toEpochMs: number): TargetSample | null {
  const from = Math.max(fromEpochMs, readings[0]?.epochMs ?? Infinity);
  const to = Math.min(toEpochMs, readings[readings.length - 1]?.epochMs ?? -Infinity);
  if (!(to > from)) return null;
  const workers = maxOf([...readings.filter((r) => r.epochMs >= from && r.epochMs <= to).map((r) => r.workers), readings[0].workers]);
  const active = at(readings, to, 'active') - at(readings, from, 'active');
  const idle = at(readings, to, 'idle') - at(readings, from, 'idle');
  return {
    workersBusy: Math.min(1, (at(readings, to, 'busyMs') - at(readings, from, 'busyMs')) / (workers * (to - from))),
    loopBusy: active + idle > 0 ? active / (active + idle) : 0,
  };
}

/** Stop a watcher without a window (the step failed). */
export const NO_WINDOW = { fromEpochMs: 0, toEpochMs: 0 } as const;

/** The measured window of a step on the wall clock: [start + warm-up, start + warm-up + measure]. */
export function measuredWindow(result: ResultFile, warmupMs: number, measureMs: number): { fromEpochMs: number; toEpochMs: number } {
  return { fromEpochMs: result.run.startEpochMs + warmupMs, toEpochMs: result.run.startEpochMs + warmupMs + measureMs };
}

/** The machine's cores (for the `cpu` rule). */
export function machineCores(): number {
  return availableParallelism();
}

/** The machine's 1-minute load average now. */
export function machineLoadAverage(): number {
  return loadavg()[0];
}

/** Name of the CPU counter in the monitor (prom-client's default, and the /proc sampler's). */
export const CPU_COUNTER = 'process_cpu_seconds_total';

/**
 * CPU cores the monitored target used over the measured window: for each `process_cpu_seconds_total`
 * series, (value at the last bucket − value at the first bucket inside the window) / (their Δt),
 * summed over the series; null when none has two buckets inside the window. Bucket t is in the
 * load's seconds (t = 0 is the wall-clock second the load started in), so the window is
 * [f + warm-up, f + warm-up + measure] with f the start's fractional second.
 */
export function monitoredCpuCores(result: ResultFile, warmupMs: number, measureMs: number): number | null {
  const f = result.run.startEpochMs / 1000 - Math.floor(result.run.startEpochMs / 1000);
  const from = f + warmupMs / 1000;
  const to = from + measureMs / 1000;
  let cores: number | null = null;
  for (const s of result.monitor?.series ?? []) {
    if (s.name !== CPU_COUNTER) continue;
    const inside = s.t.map((t, i) => ({ t, v: s.mean[i] })).filter((b) => b.t >= from && b.t <= to);
    if (inside.length < 2) continue;
    const a = inside[0];
    const b = inside[inside.length - 1];
    if (b.t > a.t && b.v >= a.v) cores = (cores ?? 0) + (b.v - a.v) / (b.t - a.t);
  }
  return cores;
}

/** The step's measurements from its result, the measured window's intervals, the target sample and the machine. */
export function stepResources(
  result: ResultFile,
  window: readonly IntervalRecord[],
  target: TargetSample | null,
  machine: { cores: number; loadAverage: number },
  targetCpuCores: number | null = null,
): StepResources {
  const seconds = window.map((iv) => iv.generator).filter((g) => g !== undefined);
  const { cpuMs, durationMs } = result.run;
  return {
    generatorBusyMax: seconds.length ? maxOf(seconds.map((g) => g.busy)) : null,
    generatorSaturatedShare: seconds.length ? seconds.filter(generatorSaturated).length / seconds.length : null,
    processCores: cpuMs !== undefined && durationMs > 0 ? cpuMs / durationMs : null,
    cores: machine.cores,
    loadAverage: machine.loadAverage,
    targetWorkersBusy: target?.workersBusy ?? null,
    targetLoopBusy: target?.loopBusy ?? null,
    targetCpuCores,
  };
}
