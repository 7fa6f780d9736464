/**
 * One full capacity measurement of a base profile, as the payload matrix needs it per size:
 * the closed-model steps (the concurrency levels, or the connections sweep 1, 2, 4, … until p99
 * degrades), the analysis (maximum, knee, USL), then open-model steps at fractions of the measured
 * maximum. Side-effecting (runs load); the parts it calls are tested on their own.
 */
import type { Profile } from '../profile/types.js';
import type { SloExpr } from '../gate/slo-expr.js';
import { analyseSweep } from './analyse.js';
import { runConnectionsSweep } from './connections.js';
import { planLoadLevels, runLoadLevels } from './load-levels.js';
import type { PayloadOutcome } from './payload-matrix.js';
import { planSweep } from './plan.js';
import type { StatsSource } from './resources.js';
import { runSweep } from './runner.js';
import type { SweepStep } from './types.js';

/** What to measure. */
export interface CapacityRunOptions {
  /** Concurrency levels of the closed-model steps (ignored with `connections`). */
  concurrency: number[];
  /** Run the connections sweep instead of the concurrency levels. */
  connections?: { max: number; factor: number };
  /** Fractions of the measured maximum for the open-model steps (none when empty). */
  loadFractions: number[];
  warmupMs: number;
  measureMs: number;
  slo?: SloExpr;
  signal?: AbortSignal;
  /** The in-process built-in target (its workers and event loop are measured). */
  builtin?: StatsSource;
  onStep?: (s: SweepStep) => void;
  /** Called before the load levels run, with the maximum they are fractions of (req/s). */
  onLevels?: (maxThroughput: number) => void;
}

/**
 * Measure `base` against `target` (a URL, never `builtin`). `outcome` is null when interrupted
 * before the first step finished; `bytes` is the payload size it stands for.
 */
export async function measureCapacity(base: Profile, target: string, bytes: number, o: CapacityRunOptions): Promise<{ outcome: PayloadOutcome | null; interrupted: boolean }> {
  let steps: SweepStep[];
  let connections: PayloadOutcome['connections'] = null;
  let interrupted: boolean;
  if (o.connections) {
    const run = await runConnectionsSweep({ base, target, maxConnections: o.connections.max, factor: o.connections.factor, warmupMs: o.warmupMs, measureMs: o.measureMs, signal: o.signal, onStep: o.onStep, builtin: o.builtin });
    ({ steps, interrupted } = run);
    connections = run.verdict;
  } else {
    ({ steps, interrupted } = await runSweep({ base, target, steps: planSweep(o.concurrency, o.warmupMs, o.measureMs), signal: o.signal, onStep: o.onStep, builtin: o.builtin }));
  }
  if (steps.length === 0) return { outcome: null, interrupted: true };
  const analysis = analyseSweep(steps, o.slo);
  let loadLevels: PayloadOutcome['loadLevels'] = [];
  if (o.loadFractions.length && !interrupted) {
    o.onLevels?.(analysis.max.throughput);
    const run = await runLoadLevels(base, target, planLoadLevels(analysis.max.throughput, o.loadFractions, o.warmupMs, o.measureMs), o.signal, o.builtin);
    loadLevels = run.steps;
    interrupted = run.interrupted;
  }
  return { outcome: { bytes, steps, analysis, loadLevels, connections }, interrupted };
}
