/** Defaults applied when a profile leaves a field out (all durations in ms). */
export const PROFILE_DEFAULTS = {
  model: 'open',
  /** Per-request timeout. */
  timeoutMs: 10_000,
  /** Total time a request may take from being put on a connection to its last byte, unless `timeout` is longer. */
  deadlineMs: 30_000,
  arrivals: 'uniform',
  /** A request sent more than this after its intended time counts as late. */
  lateThresholdMs: 10,
  /** Fixed, so two runs of the same profile draw the same keys and mix. */
  seed: 1,
  /** Closed model: no think time unless given. */
  thinkTime: { minMs: 0, maxMs: 0 },
  /** Endpoint weight. */
  weight: 1,
} as const;

/**
 * An endpoint's total request deadline in ms: its `deadline` (or the profile's), else
 * max(PROFILE_DEFAULTS.deadlineMs, timeoutMs), so a long idle `timeout` is never cut short by the default.
 */
export function requestDeadlineMs(ep: { timeoutMs: number; deadlineMs?: number }): number {
  return ep.deadlineMs ?? Math.max(PROFILE_DEFAULTS.deadlineMs, ep.timeoutMs);
}
