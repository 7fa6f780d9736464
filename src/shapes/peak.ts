import type { Shape } from './types.js';

/** Largest level of a shape (users or req/s), sampled every 100 ms and at the end: max over i of rate(durationSec · i / steps). */
export function peakLevel(shape: Shape): number {
  let peak = 0;
  const steps = Math.max(1, Math.ceil(shape.durationSec * 10));
  for (let i = 0; i <= steps; i++) peak = Math.max(peak, shape.rate((shape.durationSec * i) / steps));
  return peak;
}
