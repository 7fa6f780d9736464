import { UsageError } from '../errors.js';
import type { Profile } from '../profile/types.js';
import { parseNumber } from '../util/quantity.js';
import { parseDurationMs } from '../util/duration.js';
import type { SweepStepPlan } from './types.js';

/** Parse a comma list of positive integers (`"1,2,4,8"`), sorted and deduplicated. Throws UsageError naming `flag`. */
export function parseIntegerList(value: string, flag: string): number[] {
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out = parts.map((p) => {
    const n = parseNumber(p);
    if (n === undefined || !Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: "${p}" is not an integer ≥ 1 (expected a list such as 1,2,4,8)`);
    return n;
  });
  if (out.length === 0) throw new UsageError(`${flag} needs at least one value, e.g. 1,2,4,8`);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Parse a comma list of durations > 0 (`"1ms,10ms,100ms"`) to ms, sorted and deduplicated. */
export function parseDurationList(value: string, flag: string): number[] {
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out = parts.map((p) => {
    const ms = parseDurationMs(p);
    if (ms === undefined || ms <= 0) throw new UsageError(`${flag}: "${p}" is not a duration > 0 (expected a list such as 1ms,10ms,100ms)`);
    return ms;
  });
  if (out.length === 0) throw new UsageError(`${flag} needs at least one value, e.g. 1ms,10ms,100ms`);
  return [...new Set(out)].sort((a, b) => a - b);
}

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
