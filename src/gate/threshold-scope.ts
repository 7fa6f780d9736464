import { didYouMean } from '../profile/did-you-mean.js';
import { summarisePhase, type PhaseSummary } from '../results/phase-summary.js';
import type { EndpointSummary, ResultFile } from '../results/types.js';
import { splitScopeKey } from './scope-key.js';
import { formatSecondsRange, formatValue } from '../render/format.js';

/** A scope resolved to its summary, or why it could not be. */
export type ScopeResolution =
  | { summary: EndpointSummary; scope: string; phase?: string }
  | {
      problem: string;
      /** `endpoint` or `phase`: the name does not exist in the run (a typo); `empty`: it exists but has no data there. */
      kind: 'endpoint' | 'phase' | 'empty';
      scope: string;
      phase?: string;
    };

/**
 * The summary a scope key measures in a result: the whole run's (`total`, `popular`) or only
 * the intervals of one phase (`total@steady`, aggregated by {@link summarisePhase}).
 * `phases` caches phase summaries between calls on the same result.
 */
export function resolveScope(result: ResultFile, key: string, phases: Map<string, PhaseSummary | undefined> = new Map()): ScopeResolution {
  const endpoints = result.summary.endpoints.map((e) => e.name);
  const { scope, phase } = splitScopeKey(key, ['total', ...endpoints]);
  const noEndpoint = { problem: `no endpoint named "${scope}" completed any request`, kind: 'endpoint' as const, scope, ...(phase !== undefined ? { phase } : {}) };
  if (phase === undefined) {
    const summary = scope === 'total' ? result.summary.total : result.summary.endpoints.find((e) => e.name === scope);
    return summary ? { summary, scope } : noEndpoint;
  }
  if (!phases.has(phase)) phases.set(phase, summarisePhase(result, phase));
  const ps = phases.get(phase);
  if (!ps) {
    const names = [...new Set((result.run.phases ?? []).map((p) => p.name))];
    const list = names.length ? `; the run's phases are ${names.join(', ')}` : '; the run has no phases';
    return { problem: `no phase named "${phase}"${didYouMean(phase, names)}${list}`, kind: 'phase', scope, phase };
  }
  if (scope !== 'total' && !endpoints.includes(scope)) return noEndpoint;
  if (ps.intervals === 0) {
    const spans = ps.spans.map((p) => `${formatSecondsRange(p.startSec, p.endSec)}`).join(', ');
    return { problem: `phase "${phase}" (${spans}) has no data in this run (it lasted ${formatValue(result.run.durationMs / 1000, 'sec')})`, kind: 'empty', scope, phase };
  }
  const summary = scope === 'total' ? ps.total : ps.endpoints.find((e) => e.name === scope);
  if (!summary) return { problem: `endpoint "${scope}" completed no request in phase "${phase}"`, kind: 'empty', scope, phase };
  return { summary, scope, phase };
}
