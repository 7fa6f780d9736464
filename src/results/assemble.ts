import { RESULT_KIND, RESULT_VERSION, type Environment, type IntervalRecord, type ResultFile, type ResultProfile, type RunInfo } from './types.js';
import { buildSummary } from './summary.js';

/**
 * Build a complete result file from its parts, computing the summary from the intervals.
 * Intervals are sorted by wall-clock second. Used by `load`, `merge` and test fixtures.
 */
export function assembleResult(parts: {
  profile: ResultProfile;
  environment: Environment;
  run: RunInfo;
  intervals: IntervalRecord[];
  endpointOrder?: string[];
  shards?: number;
}): ResultFile {
  const intervals = [...parts.intervals].sort((a, b) => a.epochSec - b.epochSec);
  const summary = buildSummary(intervals, parts.run.durationMs / 1000, {
    interrupted: parts.run.interrupted,
    endpointOrder: parts.endpointOrder,
    // A completed run's target rate is the plan's; an interrupted one only planned up to the stop.
    ...(parts.run.interrupted || !(parts.run.plannedDurationMs > 0) ? {} : { plannedDurationSec: parts.run.plannedDurationMs / 1000 }),
  });
  return {
    kind: RESULT_KIND,
    version: RESULT_VERSION,
    profile: parts.profile,
    environment: parts.environment,
    run: parts.run,
    intervals,
    summary,
    ...(parts.shards && parts.shards > 1 ? { shards: parts.shards } : {}),
  };
}
