/**
 * The fixed result the report goldens are rendered from: a ramp → spike → recovery run of
 * two endpoints, with 5xx, timeouts, 429s and dropped arrivals during the spike.
 */
import { syntheticResult } from '../helpers/synthetic-result.js';
import type { ResultFile } from '../../src/results/types.js';

/** Rate multiplier: ramp 0.5→1 over 0–4 s, spike ×3 over 4–8 s, back to 1 after. */
export function spikeFactor(t: number): number {
  if (t < 4) return 0.5 + t / 8;
  if (t < 8) return 3;
  return 1;
}

/** The golden fixture (seeded, fixed start time). `endpoints` lets tests swap in hostile names. */
export function goldenResult(names: [string, string] = ['GET /items', 'POST /orders']): ResultFile {
  return syntheticResult({
    name: 'spike',
    seconds: 12,
    seed: 42,
    startEpochMs: Date.UTC(2026, 0, 1, 12, 0, 0, 250),
    endpoints: [
      { name: names[0], rps: 20, medianMs: 12, errorRate: 0.01, backpressureRate: 0.02 },
      { name: names[1], rps: 6, medianMs: 40, sigma: 0.5, errorRate: 0.05, timeoutRate: 0.02 },
    ],
    rateFactor: spikeFactor,
    slowdown: { from: 5, to: 8, factor: 4 },
    dropped: { from: 6, to: 8, fraction: 0.1 },
    thresholds: { total: ['p99<500ms', 'error_rate<5%'], [names[0]]: ['p95<100ms'] },
    phases: [
      { name: 'ramp-up', startSec: 0, endSec: 4 },
      { name: 'spike', startSec: 4, endSec: 8 },
      { name: 'recovery', startSec: 8, endSec: 12 },
    ],
  });
}
