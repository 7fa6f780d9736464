import { z } from 'zod';
import { durationField, levelField } from '../util/config-fields.js';
import { defineShape } from './definition.js';
import { derivePhaseName } from './phase-name.js';
import { stagesShape } from './stages.js';
import type { Stage } from './types.js';

/** A linear ramp from `from` to `to` (req/s or users) over `durationMs`: one stage (ramp-up, ramp-down or hold). */
export function rampStages(from: number, to: number, durationMs: number): Stage[] {
  return [{ durationMs, from, to, name: derivePhaseName(from, to) }];
}

/** `shape: { type: ramp, from (default 0), to, duration }`. */
export const ramp = defineShape({
  type: 'ramp',
  schema: z.strictObject({ type: z.literal('ramp'), from: levelField().optional(), to: levelField(), duration: durationField({ positive: true }) }),
  levelKeys: ['from', 'to'],
  normalise: (s, scale) => ({ kind: 'ramp', from: s.from ?? 0, to: s.to, durationMs: s.duration * scale }),
  build: (spec) => stagesShape(rampStages(spec.from, spec.to, spec.durationMs)),
  stages: (spec) => rampStages(spec.from, spec.to, spec.durationMs),
  scaleLevels: (spec, f) => ({ ...spec, from: f(spec.from), to: f(spec.to) }),
});
