/**
 * The plan of `capplan demo` (pure): profiles/spike.yaml squeezed into under a minute,
 * its user levels scaled down so one small machine can drive them, and a built-in
 * target sized so the spike saturates it (queue fills → 429 + Retry-After, p99 rises)
 * and the ramp-down lets it recover.
 */
import type { Profile, ShapeSpec } from '../profile/types.js';
import { nominalCapacityPerSec } from './service-time.js';
import type { TargetOptions } from './types.js';

/** What the demo runs unless told otherwise. */
export const DEMO_DEFAULTS = {
  /** Wall-clock length the 17.5-minute scenario is scaled to, in seconds. */
  durationSec: 45,
  /** User levels are multiplied by this (5000 users → 500). */
  userFactor: 0.1,
} as const;

/**
 * The built-in target for the demo: 8 workers, 30 ms per GET (60 ms per POST), queue 100.
 * capacity ≈ 8 × 1000 / 30 ≈ 267 req/s. With think time 0.1–2 s (mean 1.05 s) the offered
 * load is ≈ users / 1.05 s: ~95 req/s at 100 users (36% busy), ~476 req/s at 500 users
 * (1.8× capacity: the queue fills and the excess gets 429).
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

/** Multiply every level of a shape (users or req/s) by `factor`, rounding to whole numbers. */
export function scaleShapeLevels(shape: ShapeSpec, factor: number): ShapeSpec {
  const f = (x: number) => Math.round(x * factor);
  switch (shape.kind) {
    case 'stages':
      return { ...shape, stages: shape.stages.map((s) => ({ ...s, from: f(s.from), to: f(s.to) })) };
    case 'steady':
      return { ...shape, level: f(shape.level) };
    case 'ramp':
    case 'step':
      return { ...shape, from: f(shape.from), to: f(shape.to) };
    case 'spike':
      return { ...shape, base: f(shape.base), peak: f(shape.peak) };
    case 'diurnal':
      return { ...shape, min: f(shape.min), max: f(shape.max) };
  }
}

/** The demo's profile: user levels × `userFactor`, aimed at `targetUrl`. */
export function demoProfile(profile: Profile, targetUrl: string, userFactor: number): Profile {
  return { ...profile, target: targetUrl, shape: scaleShapeLevels(profile.shape, userFactor) };
}
