/**
 * Little's Law: L = λ·W — the mean number of items in a stable system equals the
 * arrival rate times the mean time each item spends in it. Pure.
 */

/** Input of {@link littlesLaw}. */
export interface LittlesLawInput {
  /** Arrival rate λ in items per second (≥ 0). */
  ratePerSec: number;
  /** Mean time in the system W in seconds (≥ 0), e.g. the service time. */
  timeInSystemSec: number;
  /** Number of parallel servers c (workers, connections), when known. */
  servers?: number;
}

/** Result of {@link littlesLaw}. */
export interface LittlesLawResult {
  ratePerSec: number;
  timeInSystemSec: number;
  /** L = λ·W: mean items in the system (in service + waiting). */
  inSystem: number;
  /** Offered load A = λ·W in Erlangs (busy servers needed on average; equal to L when W is the service time). */
  offeredLoad: number;
  servers?: number;
  /** ρ = λ·W / c: utilisation of each server (only with `servers`). */
  utilisation?: number;
  /** ρ < 1: the queue is stable (only with `servers`). */
  stable?: boolean;
}

/** L = λ·W; with c servers also ρ = λ·W/c (stable when ρ < 1). */
export function littlesLaw(input: LittlesLawInput): LittlesLawResult {
  const { ratePerSec, timeInSystemSec, servers } = input;
  const inSystem = ratePerSec * timeInSystemSec;
  const out: LittlesLawResult = { ratePerSec, timeInSystemSec, inSystem, offeredLoad: inSystem };
  if (servers !== undefined) {
    out.servers = servers;
    out.utilisation = inSystem / servers;
    out.stable = out.utilisation < 1;
  }
  return out;
}
