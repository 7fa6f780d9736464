import type { Stage } from '../profile/types.js';

/** A constant `level` (req/s or users) for `durationMs`: one stage named `steady`. */
export function steadyStages(level: number, durationMs: number): Stage[] {
  return [{ durationMs, from: level, to: level, name: 'steady' }];
}
