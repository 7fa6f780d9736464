/**
 * A fluid (deterministic) queue in front of the ready capacity, one step at a time. Pure.
 *
 *   offered  = backlog + arrivals
 *   served   = min(offered, readyCapacity × Δt)
 *   backlog' = offered − served, capped at bound (rejecting the excess) when a bound is given
 *
 * Exact while the arrival rate is constant over the step; the simulator keeps steps ≤ 1 s.
 */

/** State and outcome of one step. */
export interface FluidStep {
  /** Requests waiting at the end of the step. */
  backlog: number;
  /** Requests served during the step. */
  served: number;
  /** Requests rejected by the bound during the step. */
  rejected: number;
}

/**
 * Advance the queue by one step.
 * @param backlog requests waiting at the start
 * @param arrivals requests arriving during the step
 * @param capacity requests the ready replicas can serve during the step
 * @param bound most requests allowed to wait (Infinity: unbounded)
 */
export function fluidStep(backlog: number, arrivals: number, capacity: number, bound: number): FluidStep {
  const offered = backlog + arrivals;
  const served = Math.min(offered, capacity);
  const waiting = offered - served;
  const kept = Math.min(waiting, bound);
  return { backlog: kept, served, rejected: waiting - kept };
}
