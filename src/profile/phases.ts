import { z } from 'zod';
import { derivePhaseName } from '../shapes/phase-name.js';
import { buildShape } from '../shapes/registry.js';
import { normaliseShapeSpec } from './normalise.js';
import { profileSchema, stageSchema } from './schema.js';

/**
 * The phase names a raw profile's shape produces. `exact`: these are the phases; otherwise the
 * shape has problems of its own and `names` are every name its stages could have once fixed
 * (a threshold naming none of them is wrong whatever the fix), so both are reported at once.
 */
export interface RawPhases {
  names: string[];
  exact: boolean;
}

/** Every name a stage without `name:` can get (derivePhaseName of a rising, equal and falling level). */
const DERIVED_NAMES = [...new Set([derivePhaseName(0, 1), derivePhaseName(1, 1), derivePhaseName(1, 0)])];

/** A stage with its duration ignored and unknown keys dropped: what its phase name depends on. */
const namingStageSchema = z.object(stageSchema.shape).extend({ duration: z.unknown() });

/**
 * The phase names the shape of a raw (unvalidated) profile document produces, in order, each
 * once: stage `name:`s or derived names (ramp-up, hold, ramp-down), or a named shape's own
 * (steady; baseline, spike-rise, spike, spike-fall, recovery; step-1…; rising/falling…).
 * Zero-length parts produce no phase. Stages with problems (a bad duration, an unknown key, a bad
 * level) still give their names, inexactly when a level is bad. `undefined` when the shape is
 * missing, given twice, or an invalid named shape: phase names cannot be known.
 */
export function rawPhaseNames(raw: Record<string, unknown>): RawPhases | undefined {
  if ((raw.stages === undefined) === (raw.shape === undefined)) return undefined;
  const parsed = profileSchema().pick({ stages: true, shape: true }).safeParse({ stages: raw.stages, shape: raw.shape });
  if (parsed.success) {
    // Names do not depend on --scale (it multiplies every duration alike).
    const shape = buildShape(normaliseShapeSpec(parsed.data, 1));
    return { names: unique(shape.phases.map((p) => p.name)), exact: true };
  }
  return Array.isArray(raw.stages) && raw.stages.length > 0 ? invalidStagesPhaseNames(raw.stages) : undefined;
}

/**
 * Phase names of stages that fail validation. Every stage's duration is taken as valid (a phase
 * exists once it is fixed: durations must be > 0); when every stage's naming fields parse, the
 * names are exact, else a stage with a bad level and no `name:` could get any derived name.
 */
function invalidStagesPhaseNames(stages: unknown[]): RawPhases {
  const each = stages.map((st) => namingStageSchema.safeParse(st));
  if (each.every((r) => r.success)) {
    const spec = normaliseShapeSpec({ stages: each.map((r) => ({ ...r.data!, duration: 1 })) }, 1);
    return { names: unique(spec.kind === 'stages' ? spec.stages.map((s) => s.name) : []), exact: true };
  }
  const names = stages.flatMap((st, i) => {
    const name = each[i].data?.name ?? (isNamed(st) ? st.name : undefined);
    return name !== undefined ? [name] : DERIVED_NAMES;
  });
  return { names: unique(names), exact: false };
}

const isNamed = (st: unknown): st is { name: string } =>
  st !== null && typeof st === 'object' && typeof (st as { name?: unknown }).name === 'string' && (st as { name: string }).name !== '';

const unique = (names: string[]): string[] => [...new Set(names)];
