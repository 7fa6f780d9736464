import type { Shape } from './types.js';

/** Most points {@link peakLevel} samples, whatever the duration (start-up work must not grow with the plan). */
export const PEAK_SAMPLES = 10_000;

/**
 * Largest level of a shape (users or req/s). Exact on piecewise-linear shapes (the max over segment
 * ends). Otherwise the max over every phase boundary (a diurnal cycle's phases split at its extremes)
 * and {@link PEAK_SAMPLES} evenly spaced points: rate(durationSec · i / steps), i = 0..steps with
 * steps = min(⌈durationSec · 10⌉, PEAK_SAMPLES), so a 100-year plan costs as much as a 17-minute one.
 */
export function peakLevel(shape: Shape): number {
  let peak = 0;
  if (shape.segments) {
    for (const s of shape.segments) peak = Math.max(peak, s.from, s.to);
    return peak;
  }
  for (const p of shape.phases) peak = Math.max(peak, shape.rate(p.startSec), shape.rate(p.endSec));
  const steps = Math.max(1, Math.min(PEAK_SAMPLES, Math.ceil(shape.durationSec * 10)));
  for (let i = 0; i <= steps; i++) peak = Math.max(peak, shape.rate((shape.durationSec * i) / steps));
  return peak;
}
