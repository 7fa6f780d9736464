/**
 * Derived phase names for stages without an explicit `name:`.
 * Rising level → `ramp-up`, falling → `ramp-down`, equal → `hold`.
 */
export function derivePhaseName(from: number, to: number): string {
  if (to > from) return 'ramp-up';
  if (to < from) return 'ramp-down';
  return 'hold';
}
