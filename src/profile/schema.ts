import { z } from 'zod';
import { choiceField, durationField, headersField, numberField, textField } from './fields.js';

/**
 * The strict schema of a profile file as written (before normalisation). Unknown keys
 * are rejected at every level. Durations become ms, levels numbers; cross-field rules
 * (exactly one of stages/shape, closed vs open levels, thresholds…) live in checks.ts.
 */

/** More steps than this is a typo (each step is a stage). */
const MAX_STEPS = 10_000;

const level = () => numberField({ what: 'a level (req/s or users) like 500 or 1k' });

/** One stage: `{ duration, to }` ramps, `{ duration, rate }` / `{ duration, users }` holds. */
export const stageSchema = z.strictObject({
  duration: durationField({ positive: true }),
  to: level().optional(),
  rate: level().optional(),
  users: level().optional(),
  from: level().optional(),
  name: textField('a phase name').optional(),
});

/** The named shapes, discriminated by `type`. */
export const shapeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('steady'), rate: level().optional(), users: level().optional(), duration: durationField({ positive: true }) }),
  z.strictObject({ type: z.literal('ramp'), from: level().optional(), to: level(), duration: durationField({ positive: true }) }),
  z.strictObject({
    type: z.literal('step'),
    from: level(),
    to: level(),
    steps: numberField({ min: 1, max: MAX_STEPS, integer: true, what: 'a whole number of steps ≥ 1' }),
    stepDuration: durationField({ positive: true }),
  }),
  z.strictObject({
    type: z.literal('spike'),
    base: level(),
    peak: level(),
    before: durationField().optional(),
    rise: durationField(),
    hold: durationField({ positive: true }),
    fall: durationField().optional(),
    after: durationField().optional(),
  }),
  z.strictObject({
    type: z.literal('diurnal'),
    min: level(),
    max: level(),
    period: durationField({ positive: true }),
    duration: durationField({ positive: true }).optional(),
    phase: durationField().optional(),
  }),
]);

/** A key distribution: exactly one of the forms (checked in checks.ts). */
export const paramSchema = z.strictObject({
  uniform: z.tuple([numberField({ integer: true, min: -Infinity }), numberField({ integer: true, min: -Infinity })]).optional(),
  zipf: z.strictObject({ n: numberField({ min: 1, integer: true }), s: numberField({ exclusive: true }) }).optional(),
  pareto: z
    .strictObject({ xm: numberField({ exclusive: true }), alpha: numberField({ exclusive: true }), max: numberField({ min: 1, integer: true }).optional() })
    .optional(),
  list: z
    .union([
      z.array(z.union([z.string(), z.number()])).min(1),
      z.strictObject({ values: z.array(z.union([z.string(), z.number()])).min(1), weights: z.array(numberField()).optional() }),
    ])
    .optional(),
  sequence: numberField({ integer: true, min: -Infinity }).optional(),
});

/** One endpoint of the mix. */
export const endpointSchema = z.strictObject({
  name: textField('an endpoint name'),
  method: z
    .unknown()
    .transform((v, ctx): string => {
      if (typeof v === 'string' && /^[A-Za-z]+$/.test(v)) return v.toUpperCase();
      ctx.addIssue({ code: 'custom', message: `expected an HTTP method like GET or POST (got ${JSON.stringify(v)})` });
      return z.NEVER;
    })
    .optional(),
  path: z.unknown().transform((v, ctx): string => {
    if (typeof v === 'string' && v.startsWith('/')) return v;
    ctx.addIssue({ code: 'custom', message: `${v === undefined ? 'required: ' : ''}expected a path starting with / like /item/{id}${v === undefined ? '' : ` (got ${JSON.stringify(v)})`}` });
    return z.NEVER;
  }),
  weight: numberField({ exclusive: true, what: 'a weight (a number > 0)' }).optional(),
  params: z.record(z.string(), paramSchema).optional(),
  headers: headersField().optional(),
  body: z.unknown().optional(),
  timeout: durationField({ positive: true }).optional(),
});

/** The whole profile file. */
export const profileSchema = z.strictObject({
  name: textField('a profile name').optional(),
  target: z.unknown().optional(),
  model: choiceField(['open', 'closed'] as const).optional(),
  stages: z.array(stageSchema).min(1).optional(),
  shape: shapeSchema.optional(),
  endpoints: z.array(endpointSchema).min(1),
  thinkTime: z.strictObject({ min: durationField(), max: durationField() }).optional(),
  headers: headersField().optional(),
  timeout: durationField({ positive: true }).optional(),
  arrivals: choiceField(['uniform', 'poisson'] as const).optional(),
  lateThreshold: durationField().optional(),
  seed: numberField({ integer: true, min: -Infinity, what: 'an integer seed' }).optional(),
  builtinTarget: z
    .strictObject({
      workers: numberField({ min: 1, integer: true }).optional(),
      serviceTime: durationField({ positive: true }).optional(),
      queue: numberField({ integer: true }).optional(),
    })
    .optional(),
  /** Shapes and SLO syntax are checked in checks.ts (so the messages name the expression). */
  thresholds: z.record(z.string(), z.unknown()).optional(),
});

/** A profile file after schema parsing (durations in ms, unscaled). */
export type RawProfile = z.output<typeof profileSchema>;
export type RawShape = z.output<typeof shapeSchema>;
export type RawParam = z.output<typeof paramSchema>;
