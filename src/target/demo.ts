/**
 * The plan of `capplan demo` (pure): profiles/spike.yaml squeezed into under a minute,
 * its user levels scaled down so one small machine can drive them, and a built-in
 * target sized so the spike saturates it (queue fills → 429 + Retry-After, p99 rises)
 * and the ramp-down lets it recover.
 */
import type { Profile } from '../profile/types.js';
import { peakLevel } from '../shapes/peak.js';
import { buildShape, scaleShapeLevels } from '../shapes/registry.js';
import { endpointKey } from './routes.js';
import { meanServiceTimeMs, nominalCapacityPerSec } from './service-time.js';
import type { TargetOptions } from './types.js';
import { formatCount, formatNumber } from '../render/format.js';

/** What the demo runs unless told otherwise. */
export const DEMO_DEFAULTS = {
  /** Wall-clock length the 17.5-minute scenario is scaled to, in seconds. */
  durationSec: 45,
  /** User levels are multiplied by this (5000 users → 500). */
  userFactor: 0.1,
} as const;

/**
 * The built-in target for the demo: 8 workers, 30 ms per GET (60 ms per POST), queue 100.
 * capacity ≈ 8 × 1000 / 30 ≈ 267 req/s for GETs, ≈ 255 req/s for spike.yaml's mix (mean service
 * 31.4 ms). With think time 0.1–2 s (mean 1.05 s) the offered load is ≈ users / 1.081 s: ~92 req/s
 * at 100 users (36% busy), ~462 req/s at 500 users (1.8× capacity: the queue fills and the excess
 * gets 429). {@link demoLoadEstimate} computes this for any --users.
 */
export function demoTargetOptions(): TargetOptions {
  return { workers: 8, serviceTimeMs: { '*': 30, 'POST /item': 60 }, queue: 100, serviceDistribution: 'exponential', seed: 42 };
}

/** Nominal capacity of the demo target at its default service time, req/s. */
export function demoCapacityPerSec(): number {
  return nominalCapacityPerSec(8, 30);
}

/** scale = wanted seconds / planned seconds (e.g. 45 / 1050 ≈ 0.043 for spike.yaml). */
export function demoScale(plannedSec: number, wantedSec: number = DEMO_DEFAULTS.durationSec): number {
  return wantedSec / plannedSec;
}

/** The target's own series a demo records with `watchTarget` (workers, busy workers, queue, utilisation). */
export const DEMO_TARGET_SERIES = ['capplan_target_workers', 'capplan_target_busy_workers', 'capplan_target_queue_length', 'capplan_target_utilisation'];

/**
 * The demo's profile: user levels × `userFactor`, aimed at `targetUrl`. With `watchTarget`, the load
 * also scrapes the target's /metrics every second (DEMO_TARGET_SERIES), so the result file, and the
 * report's charts, hold its workers and utilisation against the load.
 */
export function demoProfile(profile: Profile, targetUrl: string, userFactor: number, watchTarget = false): Profile {
  return {
    ...profile,
    target: targetUrl,
    shape: scaleShapeLevels(profile.shape, userFactor),
    ...(watchTarget ? { monitor: { urls: [`${targetUrl}/metrics`], everyMs: 1000, allow: DEMO_TARGET_SERIES } } : {}),
  };
}

/** What the demo's closed model offers the target at its peak, against the target's capacity. */
export interface DemoLoadEstimate {
  /** Largest user level of the (scaled) shape. */
  peakUsers: number;
  /** Mean think time between a user's requests, ms: (min + max) / 2 of the uniform think time. */
  meanThinkMs: number;
  /** Mean service time of the endpoint mix, ms: Σ wᵢ·sᵢ / Σ wᵢ. */
  meanServiceMs: number;
  /** Offered load at the peak, req/s: users / (mean think + mean service). */
  offeredPerSec: number;
  /** Capacity for the mix, req/s: workers × 1000 / mean service. */
  capacityPerSec: number;
  /** offered / capacity (> 1: the queue fills and the excess gets 429). */
  ratio: number;
}

/**
 * Estimate the peak offered load of a closed-model profile against a built-in target. Pure.
 *   offered ≈ peak users / (mean think + mean service)          (each user: one request per cycle)
 *   capacity = workers × 1000 / (Σ wᵢ·sᵢ / Σ wᵢ)                (sᵢ = the endpoint's mean service time, ms)
 * Queueing lengthens a cycle, so near or above capacity the real rate is lower than `offered`.
 */
export function demoLoadEstimate(profile: Profile, target: TargetOptions): DemoLoadEstimate {
  const peakUsers = peakLevel(buildShape(profile.shape));
  const meanThinkMs = (profile.thinkTime.minMs + profile.thinkTime.maxMs) / 2;
  const totalWeight = profile.endpoints.reduce((sum, e) => sum + e.weight, 0);
  const meanServiceMs =
    profile.endpoints.reduce((sum, e) => sum + e.weight * meanServiceTimeMs(target.serviceTimeMs, endpointKey(e.method.toUpperCase(), e.path)), 0) / totalWeight;
  const offeredPerSec = (peakUsers * 1000) / (meanThinkMs + meanServiceMs);
  const capacityPerSec = nominalCapacityPerSec(target.workers, meanServiceMs);
  return { peakUsers, meanThinkMs, meanServiceMs, offeredPerSec, capacityPerSec, ratio: offeredPerSec / capacityPerSec };
}

/** The users factor at which the peak would offer exactly the target's capacity: factor × capacity / offered. */
export function saturatingUserFactor(e: DemoLoadEstimate, userFactor: number): number {
  return (userFactor * e.capacityPerSec) / e.offeredPerSec;
}

/**
 * The banner line saying what to expect: saturation (queue fills, 429, p99 rises, recovery)
 * only when the peak offers more than the capacity; otherwise how busy the target gets and
 * which `--users` would saturate it (≥ 70% busy counts as near capacity).
 */
export function demoExpectation(e: DemoLoadEstimate, userFactor: number): string {
  const math =
    `${formatCount(e.peakUsers)} users / (${formatCount(e.meanThinkMs)} ms think + ${formatNumber(e.meanServiceMs, 3)} ms service) ≈ ${formatCount(e.offeredPerSec)} req/s ` +
    `vs capacity ${formatCount(e.capacityPerSec)} req/s for this mix`;
  if (e.ratio > 1) {
    return `at the peak: ${math} (~${formatNumber(e.ratio, 2)}×): expect the queue to fill, 429 + Retry-After, p99 to rise, then recovery`;
  }
  const needed = saturatingUserFactor(e, userFactor);
  const more = needed <= 1 ? `; --users ${Math.ceil(needed * 100) / 100} or more saturates it` : '';
  const expect = e.ratio >= 0.7 ? 'near capacity: expect some queueing (p99 rises) and few or no 429s' : 'well below capacity: expect little queueing and no 429s';
  return `at the peak: ${math} (${Math.round(e.ratio * 100)}% busy), ${expect}${more}`;
}
