import type { Shape } from '../shapes/types.js';

/** Closed model: the number of virtual users wanted at `tSec` = round(rate(t)). */
export function usersAt(shape: Shape, tSec: number): number {
  return Math.round(shape.rate(tSec));
}

/**
 * One worker's integer share of `total` (users or connections):
 *   share(w) = floor(total/W) + (w < total mod W ? 1 : 0)
 * so the shares differ by at most one and sum to `total` exactly.
 */
export function splitLevel(total: number, workerIndex: number, workerCount: number): number {
  const n = Math.max(0, Math.round(total));
  const base = Math.floor(n / workerCount);
  return base + (workerIndex < n % workerCount ? 1 : 0);
}
