import type { Profile } from '../profile/types.js';
import type { SweepStepPlan } from './types.js';

/** One step per concurrency level, in increasing order, each with the same warm-up and window. */
export function planSweep(levels: number[], warmupMs: number, measureMs: number): SweepStepPlan[] {
  return [...levels].sort((a, b) => a - b).map((concurrency) => ({ concurrency, warmupMs, measureMs }));
}

/**
 * The profile one step runs: the base profile's endpoints, headers and target as a
 * closed model holding `concurrency` users for warm-up + window. Think time is kept
 * only when the base profile is itself closed; thresholds are dropped (the sweep
 * checks `--slo` itself).
 */
export function stepProfile(base: Profile, step: SweepStepPlan, target: string): Profile {
  const durationMs = step.warmupMs + step.measureMs;
  return {
    ...base,
    name: `${base.name}-c${step.concurrency}`,
    target,
    model: 'closed',
    shape: { kind: 'steady', level: step.concurrency, durationMs },
    thinkTime: base.model === 'closed' ? base.thinkTime : { minMs: 0, maxMs: 0 },
    thresholds: {},
    scale: 1,
  };
}

/** Work (ms) the queue of a matrix cell should hold so a client's round trip never idles a worker. */
export const MATRIX_QUEUE_BUFFER_MS = 5;

/**
 * Users that keep every worker of a built-in target busy in a matrix cell: W in service
 * plus a queue of at least one task per worker and at least 5 ms of work,
 *   users = W + max(W, ⌈W × 5 ms / D⌉)
 * (1 ms tasks: 6W users; 10 ms and longer: 2W).
 */
export function matrixConcurrency(workers: number, serviceTimeMs: number): number {
  return workers + Math.max(workers, Math.ceil((workers * MATRIX_QUEUE_BUFFER_MS) / serviceTimeMs));
}
