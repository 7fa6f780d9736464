import { z } from 'zod';
import { durationField, levelField } from '../util/config-fields.js';
import { defineShape } from './definition.js';
import { stagesShape } from './stages.js';
import type { Stage } from './types.js';

/** A constant `level` (req/s or users) for `durationMs`: one stage named `steady`. */
export function steadyStages(level: number, durationMs: number): Stage[] {
  return [{ durationMs, from: level, to: level, name: 'steady' }];
}

/** `shape: { type: steady, rate | users, duration }`. */
export const steady = defineShape({
  type: 'steady',
  schema: z.strictObject({ type: z.literal('steady'), rate: levelField().optional(), users: levelField().optional(), duration: durationField({ positive: true }) }),
  levelKeys: ['rate', 'users'],
  check(shape, { closed, add }) {
    const n = ['rate', 'users'].filter((k) => Object.hasOwn(shape, k) && shape[k] !== undefined).length;
    if (n === 0) add([], `expected the level: ${closed ? 'users:' : 'rate:'}`);
    if (n > 1) add([], 'use only one of rate:, users:');
  },
  normalise: (s, scale) => ({ kind: 'steady', level: s.rate ?? s.users ?? 0, durationMs: s.duration * scale }),
  build: (spec) => stagesShape(steadyStages(spec.level, spec.durationMs)),
  stages: (spec) => steadyStages(spec.level, spec.durationMs),
  scaleLevels: (spec, f) => ({ ...spec, level: f(spec.level) }),
});
