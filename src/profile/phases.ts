import { buildShape } from '../shapes/registry.js';
import { normaliseShapeSpec } from './normalise.js';
import { profileSchema } from './schema.js';


/**
 * The phase names the shape of a raw (unvalidated) profile document produces, in order, each
 * once: stage `name:`s or derived names (ramp-up, hold, ramp-down), or a named shape's own
 * (steady; baseline, spike-rise, spike, spike-fall, recovery; step-1…; rising/falling…).
 * Zero-length parts produce no phase. `undefined` when the shape is missing, given twice or
 * invalid: those problems are reported elsewhere, and phase names cannot be known.
 */
export function rawPhaseNames(raw: Record<string, unknown>): string[] | undefined {
  if ((raw.stages === undefined) === (raw.shape === undefined)) return undefined;
  const parsed = profileSchema().pick({ stages: true, shape: true }).safeParse({ stages: raw.stages, shape: raw.shape });
  if (!parsed.success) return undefined;
  // Names do not depend on --scale (it multiplies every duration alike).
  const shape = buildShape(normaliseShapeSpec(parsed.data, 1));
  return [...new Set(shape.phases.map((p) => p.name))];
}
