import type { Stage } from '../profile/types.js';

/** Parameters of a spike: hold `base`, rise to `peak`, hold, fall back to `base`, hold (levels req/s or users, times ms). */
export interface SpikeParams {
  base: number;
  peak: number;
  beforeMs: number;
  riseMs: number;
  holdMs: number;
  fallMs: number;
  afterMs: number;
}

/**
 * A spike as five stages: `baseline` (base), `spike-rise` (base→peak), `spike`
 * (peak), `spike-fall` (peak→base), `recovery` (base). Zero-length parts are dropped
 * by the stage shape.
 */
export function spikeStages(p: SpikeParams): Stage[] {
  return [
    { durationMs: p.beforeMs, from: p.base, to: p.base, name: 'baseline' },
    { durationMs: p.riseMs, from: p.base, to: p.peak, name: 'spike-rise' },
    { durationMs: p.holdMs, from: p.peak, to: p.peak, name: 'spike' },
    { durationMs: p.fallMs, from: p.peak, to: p.base, name: 'spike-fall' },
    { durationMs: p.afterMs, from: p.base, to: p.base, name: 'recovery' },
  ];
}
