/**
 * The replicas of a simulated fleet: when each was created and when it serves. Scaling down
 * removes the youngest first, so replicas still starting go before serving ones (as a
 * ReplicaSet deletes not-ready pods first). Pure.
 */

/** The fleet: ready times of the replicas, oldest first, seconds. */
export interface Fleet {
  readyAtSec: number[];
}

/** A fleet of `n` replicas all serving from the start. */
export function initialFleet(n: number): Fleet {
  return { readyAtSec: Array.from({ length: n }, () => -Infinity) };
}

/** Resize to `n` at `tSec`: new replicas serve from tSec + readyDelaySec; removals take the youngest. */
export function resizeFleet(fleet: Fleet, n: number, tSec: number, readyDelaySec: number): Fleet {
  const cur = fleet.readyAtSec;
  if (n <= cur.length) return { readyAtSec: cur.slice(0, n) };
  return { readyAtSec: [...cur, ...Array.from({ length: n - cur.length }, () => tSec + readyDelaySec)] };
}

/** Replicas serving at `tSec` (ready time ≤ t). */
export function readyAt(fleet: Fleet, tSec: number): number {
  return fleet.readyAtSec.filter((r) => r <= tSec).length;
}
