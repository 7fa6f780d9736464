/** Defaults applied when a profile leaves a field out (all durations in ms). */
export const PROFILE_DEFAULTS = {
  model: 'open',
  /** Per-request timeout. */
  timeoutMs: 10_000,
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
