/**
 * `capplan sweep --connections-sweep` (§17.5.2: connections before the HTTP server degrades):
 * closed-model steps at 1, 2, 4, … concurrent connections (each user holds one keep-alive
 * connection with a request always in flight) until p99 degrades, then stop.
 *   degraded(n) ⇔ p99(n) > factor × p99(first level)  or  error rate(n) > 1 %
 *   answer      = the last level before the first degraded one
 * Pure parts: the levels and the verdict; {@link runConnectionsSweep} runs the steps.
 */
import type { DocSection } from '../render/document.js';
import type { Profile } from '../profile/types.js';
import { planSweep } from './plan.js';
import { runSweep } from './runner.js';
import type { SweepStep } from './types.js';
import type { StatsSource } from './resources.js';
import { BOTTLENECK_LABEL } from './bottleneck.js';
import { formatNumber, formatPercent, formatValue } from '../render/format.js';

/** Error rate above which a level counts as degraded. */
export const MAX_ERROR_RATE = 0.01;

/** 1, 2, 4, … up to and including `max` (max itself when it is not a power of two). */
export function connectionLevels(max: number): number[] {
  const out: number[] = [];
  for (let n = 1; n < max; n *= 2) out.push(n);
  out.push(max);
  return out;
}

/** The verdict over the measured steps (formula in the module comment). */
export interface ConnectionsVerdict {
  /** p99 at the first level, ms. */
  baselineP99Ms: number;
  factor: number;
  /** Highest level before the first degraded one (null when the first level already errs). */
  lastGood: { connections: number; throughput: number; p99Ms: number } | null;
  /** First degraded level and why (null: none degraded up to the largest level). */
  firstDegraded: { connections: number; throughput: number; p99Ms: number; errorRate: number; reason: string } | null;
}

/** Is `step` degraded against the baseline? Returns the reason, or undefined. */
function degradation(step: SweepStep, baselineP99Ms: number, factor: number): string | undefined {
  if (step.total.errorRate > MAX_ERROR_RATE) return `error rate ${formatPercent(step.total.errorRate)} > 1%`;
  if (step.total.p99Ms > factor * baselineP99Ms) return `p99 ${formatValue(step.total.p99Ms, 'ms')} > ${formatNumber(factor)} × ${formatValue(baselineP99Ms, 'ms')}`;
  return undefined;
}

/** Judge the steps in order. Needs at least one step. */
export function connectionsVerdict(steps: readonly SweepStep[], factor: number): ConnectionsVerdict {
  const baselineP99Ms = steps[0].total.p99Ms;
  let lastGood: ConnectionsVerdict['lastGood'] = null;
  for (const s of steps) {
    const reason = degradation(s, baselineP99Ms, factor);
    if (reason) {
      return { baselineP99Ms, factor, lastGood, firstDegraded: { connections: s.concurrency, throughput: s.total.throughput, p99Ms: s.total.p99Ms, errorRate: s.total.errorRate, reason } };
    }
    lastGood = { connections: s.concurrency, throughput: s.total.throughput, p99Ms: s.total.p99Ms };
  }
  return { baselineP99Ms, factor, lastGood, firstDegraded: null };
}

/** Run the levels one at a time, stopping after the first degraded one. */
export async function runConnectionsSweep(opts: {
  base: Profile;
  target: string;
  maxConnections: number;
  factor: number;
  warmupMs: number;
  measureMs: number;
  signal?: AbortSignal;
  onStep?: (s: SweepStep) => void;
  /** The in-process built-in target (its workers and event loop are measured per level). */
  builtin?: StatsSource;
}): Promise<{ steps: SweepStep[]; verdict: ConnectionsVerdict | null; interrupted: boolean }> {
  const steps: SweepStep[] = [];
  for (const level of connectionLevels(opts.maxConnections)) {
    const run = await runSweep({ base: opts.base, target: opts.target, steps: planSweep([level], opts.warmupMs, opts.measureMs), signal: opts.signal, builtin: opts.builtin });
    steps.push(...run.steps);
    run.steps.forEach((s) => opts.onStep?.(s));
    if (run.interrupted) return { steps, verdict: steps.length ? connectionsVerdict(steps, opts.factor) : null, interrupted: true };
    if (connectionsVerdict(steps, opts.factor).firstDegraded) break;
  }
  return { steps, verdict: connectionsVerdict(steps, opts.factor), interrupted: false };
}

/** The section added to the sweep's document. */
export function connectionsSection(steps: readonly SweepStep[], v: ConnectionsVerdict): DocSection {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const measured = steps.some((s) => s.bottleneck);
  const answer = v.firstDegraded
    ? v.lastGood
      ? `${v.lastGood.connections} concurrent connections before p99 degrades (${v.firstDegraded.connections}: ${v.firstDegraded.reason})`
      : `degraded from the first level (${v.firstDegraded.reason})`
    : `no degradation up to ${steps[steps.length - 1].concurrency} connections`;
  return {
    heading: 'Connections before degradation',
    notes: [answer, `degraded ⇔ p99 > ${v.factor} × the first level's p99 (${r1(v.baselineP99Ms)} ms) or error rate > 1%; levels double from 1`],
    table: {
      columns: ['connections', 'req/s', 'p50 ms', 'p99 ms', 'errors', ...(measured ? ['bottleneck'] : [])],
      rows: steps.map((s) => [s.concurrency, r1(s.total.throughput), r1(s.total.p50Ms), r1(s.total.p99Ms), s.total.errors, ...(measured ? [s.bottleneck ? BOTTLENECK_LABEL[s.bottleneck] : null] : [])]),
    },
  };
}
