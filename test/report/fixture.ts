/**
 * The fixed result the report goldens are rendered from: a ramp → spike → recovery run of
 * two endpoints, with 5xx, timeouts, 429s and dropped arrivals during the spike.
 */
import { syntheticResult } from '../helpers/synthetic-result.js';
import { summaryWarnings } from '../../src/results/summary.js';
import type { ResultFile } from '../../src/results/types.js';
import { SeriesStore } from '../../src/monitor/store.js';
import { seriesKey } from '../../src/monitor/parse.js';
import { chaosWindows, parseChaosSchedule } from '../../src/chaos/schedule.js';

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

/**
 * A result shaped like `capplan demo --scale 0.01`: the spike profile's four phases with
 * fractional bounds (a 0.3-second spike between a 3-second ramp and a 6-second steady state),
 * and more than a thousand late requests, so the summary warning carries a 4-digit count.
 */
export function demoLikeResult(): ResultFile {
  const r = syntheticResult({
    name: 'spike',
    seconds: 11,
    seed: 7,
    startEpochMs: Date.UTC(2026, 0, 1, 12, 0, 0, 0),
    endpoints: [{ name: 'popular', rps: 120, medianMs: 30 }],
    phases: [
      { name: 'ramp-up', startSec: 0, endSec: 3 },
      { name: 'spike', startSec: 3, endSec: 3.2857142857142856 },
      { name: 'steady', startSec: 3.2857142857142856, endSec: 9.285714285714286 },
      { name: 'ramp-down', startSec: 9.285714285714286, endSec: 10.5 },
    ],
  });
  r.summary.total.late = 1711;
  r.summary.warnings = summaryWarnings(r.summary.total, false);
  return r;
}

/** The scrape URL of {@link watchedResult}'s monitor. */
export const WATCHED_SOURCE = 'http://127.0.0.1:9100/metrics';

/**
 * The golden run, monitored and with a chaos schedule, as `load` records them: the series go
 * through the real SeriesStore (scraped every 0.5 s; one gauge only every 2 s, so some seconds
 * have no sample), and the windows come from the real chaos schedule (errors 10% from 5 s to 8 s).
 */
export function watchedResult(): ResultFile {
  const r = goldenResult();
  const store = new SeriesStore();
  for (let t = 0; t < 12; t += 0.5) {
    const add = (name: string, labels: Record<string, string>, v: number) => store.add(seriesKey(name, labels), name, labels, WATCHED_SOURCE, t, v);
    add('nodejs_heap_size_used_bytes', {}, 20 * 2 ** 20 + t * 2 ** 20);
    add('process_resident_memory_bytes', {}, 90 * 2 ** 20 + (t % 4) * 2 ** 19);
    add('nodejs_eventloop_lag_seconds', {}, t >= 5 && t < 8 ? 0.05 : 0.002);
    add('capplan_target_busy_workers', {}, Math.round(t) % 5);
    add('capplan_target_requests_served_total', {}, 100 * t);
    if (t % 2 === 0) add('capplan_target_queue_length', {}, t);
  }
  r.monitor = { everyMs: 500, sources: [{ source: WATCHED_SOURCE, scrapes: 24, failures: 1, lastError: 'timeout after 1 s' }], series: store.snapshot(), droppedSeries: 0 };
  const { steps } = parseChaosSchedule([{ at: '5s', errorRate: '10%' }, { at: '8s', off: true }]);
  r.chaos = {
    switch: 'builtin',
    steps: steps.map((s) => ({ atSec: s.atSec, appliedAtSec: s.atSec, patch: s.patch, ok: true })),
    windows: chaosWindows(steps, 12),
  };
  return r;
}
