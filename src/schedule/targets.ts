import type { Shape } from '../shapes/types.js';

/**
 * Arrivals the open model intends in [aSec, bSec): cumulative(b) − cumulative(a).
 * Used for per-second target rates (a = s, b = s + 1 gives the target req/s of second s).
 */
export function intendedArrivalsBetween(shape: Shape, aSec: number, bSec: number): number {
  return shape.cumulative(bSec) - shape.cumulative(aSec);
}
