import { z } from 'zod';
import { durationField, levelField } from '../util/config-fields.js';
import { defineShape } from './definition.js';
import { stagesShape } from './stages.js';
import type { Stage } from './types.js';

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

/** `shape: { type: spike, base, peak, before?, rise, hold, fall? (= rise), after? }`. */
export const spike = defineShape({
  type: 'spike',
  schema: z.strictObject({
    type: z.literal('spike'),
    base: levelField(),
    peak: levelField(),
    before: durationField().optional(),
    rise: durationField(),
    hold: durationField({ positive: true }),
    fall: durationField().optional(),
    after: durationField().optional(),
  }),
  levelKeys: ['base', 'peak'],
  normalise: (s, scale) => ({
    kind: 'spike',
    base: s.base,
    peak: s.peak,
    beforeMs: (s.before ?? 0) * scale,
    riseMs: s.rise * scale,
    holdMs: s.hold * scale,
    fallMs: (s.fall ?? s.rise) * scale,
    afterMs: (s.after ?? 0) * scale,
  }),
  build: (spec) => stagesShape(spikeStages(spec)),
  stages: (spec) => spikeStages(spec),
  scaleLevels: (spec, f) => ({ ...spec, base: f(spec.base), peak: f(spec.peak) }),
});
