/**
 * The plan of `capplan queue … --verify` (§17.5.3): which target to start and which spike to drive
 * so that the live run checks exactly what the queue formula assumed. Pure.
 *
 * One capacity for both: the formula's R must be what the target really serves.
 *   with servers c:    R = c / S                      (--capacity, if given, must agree)
 *   without servers:   R = --capacity or the base rate λ, and c = R × S must be a whole number
 * The target's queue is its waiting room (requests beyond the c in service), so it is set to the
 * recommended size Q = ⌈(λS + B)(1 + margin)⌉ with B = max(0, mλ − R)·d (spikeBacklog).
 * Expected peak waiting in the target (fluid): W = max(0, λS + B − c), so
 *   recommended run: rejected ≈ max(0, W − Q) = 0;  undersized run (⌊0.8·Q⌋): rejected ≈ max(0, W − ⌊0.8·Q⌋)
 * The drive: base rate for `beforeSec`, m·λ for d seconds, base rate until the backlog has drained
 * (B / (R − λ), plus one second), or one second when it never drains (R ≤ λ).
 */
import type { Stage } from '../profile/types.js';
import { spikeStages } from '../shapes/spike.js';
import { spikeBacklog, type SpikeBacklogResult } from './spike-backlog.js';

/** Fraction of the recommended queue the second run uses (20 % smaller). */
export const UNDERSIZED_FRACTION = 0.8;

/** Input of {@link planQueueVerify}. */
export interface QueueVerifyInput {
  baseRatePerSec: number;
  serviceTimeSec: number;
  spikeMultiplier: number;
  spikeDurationSec: number;
  margin: number;
  servers?: number;
  capacityPerSec?: number;
  /** Base-rate lead-in before the spike, seconds; default 2. */
  beforeSec?: number;
}

/** One run of the verification. */
export interface QueueVerifyRun {
  /** The target's queue bound (waiting requests beyond busy servers). */
  queue: number;
  /** Fluid prediction of rejected requests. */
  expectedRejected: number;
}

/** The plan, or the reasons the verification cannot check anything. */
export type QueueVerifyPlan =
  | {
      ok: true;
      servers: number;
      capacityPerSec: number;
      /** How the capacity was set: from the servers, or given (or defaulted to λ) and turned into servers. */
      capacityFrom: 'servers' | 'capacity' | 'base-rate';
      formula: SpikeBacklogResult;
      /** Fluid peak of waiting requests in the target: max(0, λS + B − c). */
      expectedPeakWaiting: number;
      recommended: QueueVerifyRun;
      undersized: QueueVerifyRun;
      /** The spike to drive, as stages (levels req/s). */
      stages: Stage[];
      durationSec: number;
    }
  | { ok: false; problems: string[] };

const REL = 1e-9;

/** Plan the live check (rules in the module comment). */
export function planQueueVerify(input: QueueVerifyInput): QueueVerifyPlan {
  const { baseRatePerSec: lambda, serviceTimeSec: s } = input;
  const problems: string[] = [];
  let servers: number;
  let capacity: number;
  let capacityFrom: 'servers' | 'capacity' | 'base-rate';
  if (input.servers !== undefined) {
    servers = input.servers;
    capacity = servers / s;
    capacityFrom = 'servers';
    if (input.capacityPerSec !== undefined && Math.abs(input.capacityPerSec - capacity) > REL * capacity) {
      problems.push(`the capacity (${input.capacityPerSec} req/s) disagrees with servers ÷ service time (${servers} ÷ ${s} s = ${capacity} req/s); give one of them`);
    }
  } else {
    capacity = input.capacityPerSec ?? lambda;
    capacityFrom = input.capacityPerSec === undefined ? 'base-rate' : 'capacity';
    const c = capacity * s;
    servers = Math.round(c);
    if (servers < 1 || Math.abs(c - servers) > REL * Math.max(1, c)) {
      problems.push(`capacity × service time = ${Number(c.toPrecision(6))} is not a whole number of servers; give the servers`);
    }
  }
  const formula = spikeBacklog({ ...input, capacityPerSec: capacity });
  if (formula.backlog === 0) problems.push(`the spike (${formula.spikeRatePerSec} req/s) fits the capacity (${capacity} req/s): nothing queues, so no queue size can be checked`);
  if (problems.length) return { ok: false, problems };

  const q = formula.recommendedQueueSize;
  const qSmall = Math.floor(UNDERSIZED_FRACTION * q);
  const waiting = Math.max(0, formula.steadyInSystem + formula.backlog - servers);
  const afterSec = Number.isFinite(formula.drainTimeSec) ? Math.ceil(formula.drainTimeSec) + 1 : 1;
  const beforeSec = input.beforeSec ?? 2;
  const stages = spikeStages({
    base: lambda,
    peak: formula.spikeRatePerSec,
    beforeMs: beforeSec * 1000,
    riseMs: 0,
    holdMs: input.spikeDurationSec * 1000,
    fallMs: 0,
    afterMs: afterSec * 1000,
  });
  return {
    ok: true,
    servers,
    capacityPerSec: capacity,
    capacityFrom,
    formula,
    expectedPeakWaiting: waiting,
    recommended: { queue: q, expectedRejected: Math.max(0, waiting - q) },
    undersized: { queue: qSmall, expectedRejected: Math.max(0, waiting - qSmall) },
    stages,
    durationSec: beforeSec + input.spikeDurationSec + afterSec,
  };
}
