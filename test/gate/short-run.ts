import type { ResultFile } from '../../src/results/types.js';
import { syntheticResult, type SyntheticEndpoint } from '../helpers/synthetic-result.js';

/** The steady profile's mix: read 180 req/s and write 20 req/s, median ≈ 5.7 ms. */
export const STEADY_MIX: SyntheticEndpoint[] = [
  { name: 'read', rps: 180, medianMs: 5.7, sigma: 0.3 },
  { name: 'write', rps: 20, medianMs: 5.9, sigma: 0.3 },
];

/**
 * A real-looking 10 s run: started 700 ms into a wall-clock second, so 11 intervals with a
 * partial first (0.3 s of load) and last (0.7 s) one, `slowdown` applied to intervals [from, to).
 */
export function tenSecondRun(seed: number, slowdown: { from: number; to: number; factor: number }): ResultFile {
  const start = Date.UTC(2026, 0, 1, 12, 0, 0) + 700;
  const r = syntheticResult({ endpoints: STEADY_MIX, seconds: 11, seed, startEpochMs: start, slowdown, rateFactor: (t) => (t === 0 ? 0.3 : t === 10 ? 0.7 : 1) });
  r.run.durationMs = 10_000;
  return r;
}
