import type { Stage } from '../profile/types.js';
import { derivePhaseName } from './phase-name.js';

/** A linear ramp from `from` to `to` (req/s or users) over `durationMs`: one stage (ramp-up, ramp-down or hold). */
export function rampStages(from: number, to: number, durationMs: number): Stage[] {
  return [{ durationMs, from, to, name: derivePhaseName(from, to) }];
}
