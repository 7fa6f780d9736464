import { z } from 'zod';
import { durationField, levelField, numberField } from '../util/config-fields.js';
import { defineShape } from './definition.js';
import { stagesShape } from './stages.js';
import type { Stage } from './types.js';

/** More steps than this is a typo (each step is a stage). */
const MAX_STEPS = 10_000;

/**
 * A staircase: `steps` flat steps of `stepDurationMs` each, levels evenly spaced
 * from `from` to `to` inclusive:
 *   level(i) = from + (to − from)·i/(steps − 1),  i = 0 … steps−1
 * With `steps` = 1 the single step holds `from`. Phases are `step-1` … `step-N`.
 */
export function stepStages(from: number, to: number, steps: number, stepDurationMs: number): Stage[] {
  const out: Stage[] = [];
  for (let i = 0; i < steps; i++) {
    const level = steps === 1 ? from : from + ((to - from) * i) / (steps - 1);
    out.push({ durationMs: stepDurationMs, from: level, to: level, name: `step-${i + 1}` });
  }
  return out;
}

/** `shape: { type: step, from, to, steps, stepDuration }`. */
export const step = defineShape({
  type: 'step',
  schema: z.strictObject({
    type: z.literal('step'),
    from: levelField(),
    to: levelField(),
    steps: numberField({ min: 1, max: MAX_STEPS, integer: true, what: 'a whole number of steps ≥ 1' }),
    stepDuration: durationField({ positive: true }),
  }),
  levelKeys: ['from', 'to'],
  normalise: (s, scale) => ({ kind: 'step', from: s.from, to: s.to, steps: s.steps, stepDurationMs: s.stepDuration * scale }),
  build: (spec) => stagesShape(stepStages(spec.from, spec.to, spec.steps, spec.stepDurationMs)),
  stages: (spec) => stepStages(spec.from, spec.to, spec.steps, spec.stepDurationMs),
  scaleLevels: (spec, f) => ({ ...spec, from: f(spec.from), to: f(spec.to) }),
});
