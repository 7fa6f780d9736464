import { z } from 'zod';
import { shapeRegistryVersion, shapeSchema, type NamedShapeSchema } from '../shapes/registry.js';
import { choiceField, durationField, headersField, levelField, numberField, textField } from '../util/config-fields.js';
import { didYouMean } from './did-you-mean.js';
import { METHODS } from 'node:http';

/**
 * The strict schema of a profile file as written (before normalisation). Unknown keys
 * are rejected at every level. Durations become ms, levels numbers; cross-field rules
 * (exactly one of stages/shape, closed vs open levels, thresholds…) live in checks.ts.
 * Each named shape's schema lives in its own module under src/shapes/ (see registry.ts).
 */

const level = levelField;

/** One stage: `{ duration, to }` ramps, `{ duration, rate }` / `{ duration, users }` holds. */
export const stageSchema = z.strictObject({
  duration: durationField({ positive: true }),
  to: level().optional(),
  rate: level().optional(),
  users: level().optional(),
  from: level().optional(),
  name: textField('a phase name').optional(),
});

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

/** Methods an endpoint may use: those Node's HTTP parser knows (RFC 9110 and the registered extensions such as PROPFIND), except CONNECT, which opens a tunnel rather than a request. */
export const HTTP_METHODS: readonly string[] = METHODS.filter((m) => m !== 'CONNECT');

/** One endpoint of the mix. */
export const endpointSchema = z.strictObject({
  name: textField('an endpoint name'),
  method: z
    .unknown()
    .transform((v, ctx): string => {
      const upper = typeof v === 'string' ? v.toUpperCase() : undefined;
      if (upper !== undefined && HTTP_METHODS.includes(upper)) return upper;
      ctx.addIssue({ code: 'custom', message: `expected an HTTP method such as GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (got ${JSON.stringify(v)})${upper ? didYouMean(upper, HTTP_METHODS) : ''}` });
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
  deadline: durationField({ positive: true }).optional(),
});

/** The whole profile file, with `shape:` one of `shapes`. */
const buildProfileSchema = (shapes: NamedShapeSchema) => z.strictObject({
  name: textField('a profile name').optional(),
  target: z.unknown().optional(),
  model: choiceField(['open', 'closed'] as const).optional(),
  stages: z.array(stageSchema).min(1).optional(),
  shape: shapes.optional(),
  endpoints: z.array(endpointSchema).min(1),
  thinkTime: z.strictObject({ min: durationField(), max: durationField() }).optional(),
  headers: headersField().optional(),
  timeout: durationField({ positive: true }).optional(),
  deadline: durationField({ positive: true }).optional(),
  arrivals: choiceField(['uniform', 'poisson'] as const).optional(),
  lateThreshold: durationField().optional(),
  /** Requests each worker sends before t = 0, outside the result, to warm its send path (load/warm-up.ts). */
  warmupRequests: numberField({ integer: true, min: 0, max: 100_000, what: 'a number of requests (0 to 100 000)' }).optional(),
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
  /** Scrape Prometheus endpoints and/or sample a process during the run (URLs checked in checks.ts). */
  monitor: z
    .strictObject({
      urls: z.array(textField('a URL such as http://127.0.0.1:8080/metrics')).min(1).optional(),
      every: durationField({ positive: true }).optional(),
      allow: z.array(textField('a metric name (* matches any run of characters)')).optional(),
      pid: numberField({ min: 1, integer: true, what: 'a process id' }).optional(),
    })
    .optional(),
  /** Chaos steps; checked in checks.ts with the same rules as POST /__chaos. */
  chaos: z.unknown().optional(),
});

type ProfileSchema = ReturnType<typeof buildProfileSchema>;
let cached: { version: number; schema: ProfileSchema } | undefined;

/** The whole profile file's schema, with every registered shape (rebuilt when the shape registry changes). */
export function profileSchema(): ProfileSchema {
  if (cached?.version !== shapeRegistryVersion()) cached = { version: shapeRegistryVersion(), schema: buildProfileSchema(shapeSchema()) };
  return cached.schema;
}

/** A profile file after schema parsing (durations in ms, unscaled). */
export type RawProfile = z.output<ProfileSchema>;
export type RawParam = z.output<typeof paramSchema>;
