import type { Stage } from '../profile/types.js';

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
