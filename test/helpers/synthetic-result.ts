/**
 * Synthetic result files with real HDR histograms, for report/gate/merge tests.
 * Latencies come from a seeded generator, so fixtures are reproducible.
 */
import { assembleResult } from '../../src/results/assemble.js';
import { emptyCounters, type IntervalRecord, type Phase, type ResultFile } from '../../src/results/types.js';
import { encodeHistogram, newLatencyHistogram, recordUs } from '../../src/results/histogram.js';

/** Mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticEndpoint {
  name: string;
  /** Requests per second. */
  rps: number;
  /** Median latency in ms; latencies are log-normal around it. */
  medianMs: number;
  /** Log-normal sigma (spread); default 0.35. */
  sigma?: number;
  /** Fraction of requests that fail with a 5xx. */
  errorRate?: number;
  /** Fraction of requests that fail at the transport level (counted as `timeout`). Default 0. */
  timeoutRate?: number;
  /** Fraction of requests answered 429 with Retry-After (backpressure). Default 0. */
  backpressureRate?: number;
}

/** Build a result file: `seconds` one-second intervals for each endpoint. */
export function syntheticResult(opts: {
  endpoints: SyntheticEndpoint[];
  seconds: number;
  seed?: number;
  name?: string;
  startEpochMs?: number;
  thresholds?: Record<string, string[]>;
  /** Multiply latencies in seconds [from, to) by `factor` (to simulate a stall or slowdown). */
  slowdown?: { from: number; to: number; factor: number };
  /** Multiplier on every endpoint's rps at second `t` (e.g. a spike); default 1. Counts are rounded. */
  rateFactor?: (t: number) => number;
  /** In seconds [from, to), this fraction of scheduled arrivals is dropped (never sent). */
  dropped?: { from: number; to: number; fraction: number };
  /** Phases stored in `run.phases`; default one `steady` phase over the whole run. */
  phases?: Phase[];
  /** Mark the run as interrupted (a partial result). */
  interrupted?: boolean;
}): ResultFile {
  const rnd = seeded(opts.seed ?? 1);
  const startEpochMs = opts.startEpochMs ?? Date.UTC(2026, 0, 1, 12, 0, 0);
  const startSec = Math.floor(startEpochMs / 1000);
  const intervals: IntervalRecord[] = [];
  for (let t = 0; t < opts.seconds; t++) {
    const iv: IntervalRecord = { epochSec: startSec + t, t, targetLevel: 0, activeUsers: 0, endpoints: {} };
    for (const ep of opts.endpoints) {
      const rps = opts.rateFactor ? Math.round(ep.rps * opts.rateFactor(t)) : ep.rps;
      iv.targetLevel += rps;
      const lat = newLatencyHistogram();
      const svc = newLatencyHistogram();
      const c = emptyCounters();
      const factor = opts.slowdown && t >= opts.slowdown.from && t < opts.slowdown.to ? opts.slowdown.factor : 1;
      const drop = opts.dropped && t >= opts.dropped.from && t < opts.dropped.to ? Math.floor(rps * opts.dropped.fraction) : 0;
      c.scheduled += drop;
      c.dropped += drop;
      const extraKinds = (ep.timeoutRate ?? 0) > 0 || (ep.backpressureRate ?? 0) > 0;
      for (let i = 0; i < rps - drop; i++) {
        // Box–Muller normal → log-normal latency around the median.
        const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
        const ms = ep.medianMs * Math.exp((ep.sigma ?? 0.35) * z) * factor;
        recordUs(lat, ms * 1000);
        recordUs(svc, ms * 1000 * 0.95);
        c.scheduled++;
        c.sent++;
        c.completed++;
        const u = extraKinds ? rnd() : 1;
        if (u < (ep.timeoutRate ?? 0)) {
          c.errors.timeout = (c.errors.timeout ?? 0) + 1;
          continue;
        }
        if (u < (ep.timeoutRate ?? 0) + (ep.backpressureRate ?? 0)) {
          c.backpressure++;
          c.retryAfter++;
          c.statusCodes['429'] = (c.statusCodes['429'] ?? 0) + 1;
          continue;
        }
        if (rnd() < (ep.errorRate ?? 0)) {
          c.errors.http5xx = (c.errors.http5xx ?? 0) + 1;
          c.statusCodes['500'] = (c.statusCodes['500'] ?? 0) + 1;
        } else {
          c.ok++;
          c.statusCodes['200'] = (c.statusCodes['200'] ?? 0) + 1;
        }
        c.bytesIn += 100;
      }
      iv.endpoints[ep.name] = { ...c, latency: encodeHistogram(lat), service: encodeHistogram(svc) };
      lat.destroy();
      svc.destroy();
    }
    intervals.push(iv);
  }
  const name = opts.name ?? 'synthetic';
  return assembleResult({
    profile: {
      name,
      model: 'open',
      target: 'http://127.0.0.1:8080',
      thresholds: opts.thresholds,
      spec: { name, endpoints: opts.endpoints.map((e) => e.name) },
    },
    environment: {
      capplanVersion: '0.1.0',
      nodeVersion: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      cpus: 2,
      cpuModel: 'synthetic',
      hostname: 'fixture',
      workers: 1,
      connections: 10,
    },
    run: {
      startedAt: new Date(startEpochMs).toISOString(),
      startEpochMs,
      endedAt: new Date(startEpochMs + opts.seconds * 1000).toISOString(),
      durationMs: opts.seconds * 1000,
      plannedDurationMs: opts.seconds * 1000,
      interrupted: opts.interrupted ?? false,
      scale: 1,
      phases: opts.phases ?? [{ name: 'steady', startSec: 0, endSec: opts.seconds }],
    },
    intervals,
    endpointOrder: opts.endpoints.map((e) => e.name),
  });
}
