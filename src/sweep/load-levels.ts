/**
 * `capplan sweep --load-levels 50%,80%,95%` (§17.5.2): after the concurrency steps have found
 * the maximum throughput X_max, run open-model steps at fractions of it and report p99 at each.
 *   rate_i = fraction_i × X_max   (req/s, evenly spaced arrivals, warm-up then measured window)
 * Latency is measured from the intended send time, so a step the target cannot keep up with
 * shows its queueing in p99; dropped or late arrivals (the generator could not send on time)
 * are reported beside it. Planning is pure; {@link runLoadLevels} runs the steps.
 */
import { UsageError } from '../errors.js';
import { runLoad } from '../load/run.js';
import type { Profile } from '../profile/types.js';
import type { DocSection } from '../render/document.js';
import { parseFraction } from '../util/quantity.js';
import { measureStep } from './measure.js';
import { NO_WINDOW, machineCores, machineLoadAverage, measuredWindow, watchTarget, type StatsSource } from './resources.js';
import { BOTTLENECK_LABEL, type BottleneckName, type StepResources } from './bottleneck.js';

/** One planned level. */
export interface LoadLevelPlan {
  /** Fraction of the measured maximum (0.5 = 50 %). */
  fraction: number;
  /** Arrival rate, req/s. */
  ratePerSec: number;
  warmupMs: number;
  measureMs: number;
}

/** One measured level. */
export interface LoadLevelStep extends LoadLevelPlan {
  /** Completed req/s in the measured window. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Arrivals the generator dropped or sent late over the whole step (the rate was not driven exactly when > 0). */
  dropped: number;
  late: number;
  /** What the generator and the built-in target used, and who limited the level (see bottleneck.ts). */
  resources?: StepResources;
  bottleneck?: BottleneckName;
}

/** `50%,80%,95%` → [0.5, 0.8, 0.95]; each in (0, 2]; UsageError naming the flag it came from (a flag parser). */
export function parseLoadLevels(flag: string, value: string): number[] {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const out = parts.map((p) => parseFraction(p));
  const bad = parts.filter((_, i) => out[i] === undefined || !(out[i]! > 0 && out[i]! <= 2));
  if (!parts.length || bad.length) throw new UsageError(`${flag}: expected fractions of the measured maximum such as 50%,80%,95% (each > 0% and ≤ 200%)${bad.length ? ` (got ${bad.map((b) => JSON.stringify(b)).join(', ')})` : ''}`);
  return out as number[];
}

/** rate_i = fraction_i × maximum (formula in the module comment). */
export function planLoadLevels(maxThroughput: number, fractions: number[], warmupMs: number, measureMs: number): LoadLevelPlan[] {
  return fractions.map((fraction) => ({ fraction, ratePerSec: fraction * maxThroughput, warmupMs, measureMs }));
}

/** The open-model profile of one level: the base's endpoints, a steady rate for warm-up + measure. */
export function levelProfile(base: Profile, level: LoadLevelPlan, target: string): Profile {
  return {
    ...base,
    name: `${base.name}-${Math.round(level.fraction * 100)}pct`,
    target,
    model: 'open',
    shape: { kind: 'steady', level: level.ratePerSec, durationMs: level.warmupMs + level.measureMs },
    thresholds: {},
    scale: 1,
  };
}

/**
 * Run the levels one after another against `target` (never `builtin`); `builtin` is the in-process
 * built-in target, whose workers and event loop are then measured per level.
 */
export async function runLoadLevels(base: Profile, target: string, levels: LoadLevelPlan[], signal?: AbortSignal, builtin?: StatsSource): Promise<{ steps: LoadLevelStep[]; interrupted: boolean }> {
  const steps: LoadLevelStep[] = [];
  for (const level of levels) {
    if (signal?.aborted) return { steps, interrupted: true };
    const watched = watchTarget(builtin);
    const { result } = await runLoad(levelProfile(base, level, target), { write: false, probe: false, signal, graceMs: 1000 }).catch((err: unknown) => {
      watched(NO_WINDOW);
      throw err;
    });
    if (result.run.interrupted) return { steps, interrupted: true };
    const step = measureStep(result, 0, level.warmupMs, level.measureMs, [], { target: watched(measuredWindow(result, level.warmupMs, level.measureMs)), cores: machineCores(), loadAverage: machineLoadAverage() });
    const m = step.total;
    steps.push({
      ...level, throughput: m.throughput, p50Ms: m.p50Ms, p99Ms: m.p99Ms, errors: m.errors, dropped: result.summary.total.dropped, late: result.summary.total.late,
      ...(step.resources ? { resources: step.resources, bottleneck: step.bottleneck } : {}),
    });
  }
  return { steps, interrupted: false };
}

/** The section added to the sweep's document. */
export function loadLevelsSection(steps: LoadLevelStep[], maxThroughput: number): DocSection {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const measured = steps.some((s) => s.bottleneck);
  return {
    heading: 'p99 at fractions of the measured maximum (open model)',
    notes: [`rate = fraction × ${r1(maxThroughput)} req/s (the sweep's maximum); latency from the intended send time`],
    table: {
      columns: ['load', 'rate req/s', 'achieved req/s', 'p50 ms', 'p99 ms', 'errors', 'generator', ...(measured ? ['bottleneck'] : [])],
      rows: steps.map((s) => [
        `${r1(s.fraction * 100)}%`, r1(s.ratePerSec), r1(s.throughput), r1(s.p50Ms), r1(s.p99Ms), s.errors, s.dropped + s.late ? `${s.dropped} dropped, ${s.late} late` : '',
        ...(measured ? [s.bottleneck ? BOTTLENECK_LABEL[s.bottleneck] : null] : []),
      ]),
    },
  };
}
