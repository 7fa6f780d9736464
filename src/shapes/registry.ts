import type { ShapeSpec, Stage } from '../profile/types.js';
import { diurnalShape } from './diurnal.js';
import { rampStages } from './ramp.js';
import { spikeStages } from './spike.js';
import { stagesShape } from './stages.js';
import { steadyStages } from './steady.js';
import { stepStages } from './step.js';
import type { Shape } from './types.js';

/**
 * The stages a piecewise-linear spec expands to (levels req/s or users, durations ms),
 * or `undefined` for smooth shapes (diurnal).
 */
export function expandStages(spec: ShapeSpec): Stage[] | undefined {
  switch (spec.kind) {
    case 'stages': return spec.stages;
    case 'steady': return steadyStages(spec.level, spec.durationMs);
    case 'ramp': return rampStages(spec.from, spec.to, spec.durationMs);
    case 'step': return stepStages(spec.from, spec.to, spec.steps, spec.stepDurationMs);
    case 'spike': return spikeStages(spec);
    case 'diurnal': return undefined;
  }
}

/** Build the pure Shape (rate, cumulative, phases) for a normalised shape spec. */
export function buildShape(spec: ShapeSpec): Shape {
  if (spec.kind === 'diurnal') return diurnalShape(spec);
  return stagesShape(expandStages(spec) ?? []);
}
