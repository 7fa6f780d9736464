import { aggregateIntervals, destroyAccumulators } from './aggregate.js';
import { summariseEndpoint } from './summary.js';
import type { EndpointSummary, Phase, ResultFile } from './types.js';
import { intervalMidSec } from './interval-time.js';

/** The summaries of one named phase of a run (see {@link summarisePhase}). */
export interface PhaseSummary {
  /** The phase name (`run.phases[].name`). */
  name: string;
  /** The phase's spans, in seconds since the run started (a name may recur, e.g. diurnal `rising`). */
  spans: Phase[];
  /** Seconds of the run the phase covers: Σ over its spans of |[startSec, endSec) ∩ [0, run duration)|. */
  durationSec: number;
  /** Distinct 1-second intervals owned by one of the spans (their covered midpoint lies in it: {@link intervalMidSec}). */
  intervals: number;
  /** All endpoints together, over the phase. */
  total: EndpointSummary;
  /** Per endpoint with data in the phase, in the run summary's order (others after, by name). */
  endpoints: EndpointSummary[];
}

/** Is time `t` (seconds since the run started) inside one of the spans (startSec ≤ t < endSec)? */
export function inSpans(t: number, spans: readonly Phase[]): boolean {
  return spans.some((p) => t >= p.startSec && t < p.endSec);
}

/**
 * Summarise only the intervals of the phase named `name`: those whose midpoint on the run's clock
 * ({@link intervalMidSec}) lies in [startSec, endSec) of one of its spans (the same rule as the report's phase table).
 * Counters add and histograms merge exactly; rates are per second of the phase's overlap
 * with the run (achievedRate = completed / durationSec). `undefined` when the run has no
 * phase of that name.
 */
export function summarisePhase(result: ResultFile, name: string): PhaseSummary | undefined {
  const spans = (result.run.phases ?? []).filter((p) => p.name === name);
  if (spans.length === 0) return undefined;
  const runSec = result.run.durationMs / 1000;
  const durationSec = spans.reduce((s, p) => s + Math.max(0, Math.min(p.endSec, runSec) - Math.max(p.startSec, 0)), 0);
  const seconds = new Set<number>();
  const { endpoints, total } = aggregateIntervals(result.intervals, (iv) => {
    const inside = inSpans(intervalMidSec(iv.t, result.run.startEpochMs, runSec), spans);
    if (inside) seconds.add(iv.t);
    return inside;
  });
  const order = result.summary.endpoints.map((e) => e.name);
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : Infinity);
  const names = [...endpoints.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const summary: PhaseSummary = {
    name,
    spans: spans.map((p) => ({ ...p })),
    durationSec,
    intervals: seconds.size,
    total: summariseEndpoint('total', total, durationSec),
    endpoints: names.map((n) => summariseEndpoint(n, endpoints.get(n)!, durationSec)),
  };
  destroyAccumulators([...endpoints.values(), total]);
  return summary;
}
