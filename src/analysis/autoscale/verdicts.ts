/**
 * Verdicts of an auto-scaling simulation, drawn from its ticks. Pure.
 *
 *   spike           the longest overload episode: from when arrivals first outran the ready
 *                   capacity until the backlog drained (absorbed), with its peak backlog
 *   flapping        a reversal is a scale event in the other direction than the one before it;
 *                   two reversals within the window (down then up again, or up then down) flap
 *   fixed fleet     n = max(min, ⌈peak demand / (target × capacity)⌉), n × duration / 3600 replica-hours
 *   SLO budget burn Σ bad / Σ arrivals / (1 − objective)
 *   cooldown rule   the exercise asks scale-down to wait at least 5 × as long as scale-up
 */
import { ceilClean } from '../spike-backlog.js';
import { cooldownWarning } from './seed-policy.js';
import type { AutoscaleInput, AutoscaleVerdicts, OverloadEpisode, Tick } from './types.js';

/** Default flapping window: the HPA's default scale-down stabilisation window, seconds. */
export const DEFAULT_FLAP_WINDOW_SEC = 300;

/** Totals the simulator accumulates beside the ticks. */
export interface RunTotals {
  arrivals: number;
  peakDemandPerSec: number;
  /** Rejected plus slow requests (only meaningful with an SLO). */
  bad: number;
}

/** Flaps: consecutive reversals (a scale event against the previous one's direction) within `windowSec`. */
export function findFlaps(ticks: readonly Tick[], windowSec: number): Array<{ startSec: number; endSec: number }> {
  const events = ticks.filter((t) => t.action !== 'hold');
  const reversals = events.filter((e, i) => i > 0 && e.action !== events[i - 1].action).map((e) => e.tSec);
  const flaps: Array<{ startSec: number; endSec: number }> = [];
  for (let i = 0; i + 1 < reversals.length; i++) {
    if (reversals[i + 1] - reversals[i] <= windowSec) flaps.push({ startSec: reversals[i], endSec: reversals[i + 1] });
  }
  return flaps;
}

/** Warnings about the policy's configuration. */
function policyWarnings(input: AutoscaleInput, fixedFleetReplicas: number): string[] {
  const warnings: string[] = [];
  const p = input.policy;
  if (p.kind === 'seed') {
    const w = cooldownWarning(p.upCooldownSec, p.downCooldownSec);
    if (w) warnings.push(w);
  } else {
    // The HPA's effective pace: nothing moves faster than one sync, and a window holds a direction back.
    const up = Math.max(p.behavior.scaleUp.stabilizationWindowSeconds, input.tickSec);
    const down = Math.max(p.behavior.scaleDown.stabilizationWindowSeconds, input.tickSec);
    if (down < 5 * up) warnings.push(`the scale-down stabilisation (${down} s) is less than 5 × the scale-up pace (${up} s); the exercise asks for scale-down at least 5× slower`);
  }
  if (fixedFleetReplicas > input.maxReplicas) {
    warnings.push(`the peak needs ${fixedFleetReplicas} replicas at the target utilisation, more than max ${input.maxReplicas}`);
  }
  return warnings;
}

/** Draw the verdicts (formulas in the module comment). */
export function drawVerdicts(input: AutoscaleInput, ticks: readonly Tick[], episodes: OverloadEpisode[], totals: RunTotals): AutoscaleVerdicts {
  const flapWindowSec = input.flapWindowSec ?? DEFAULT_FLAP_WINDOW_SEC;
  const durationSec = input.demand.durationSec;
  const replicaHours = ticks.reduce((s, t) => s + (t.replicas * (Math.min(t.tSec + input.tickSec, durationSec) - t.tSec)) / 3600, 0);
  const target = input.policy.targetUtilisation;
  const fixedFleetReplicas = Math.max(input.minReplicas, ceilClean(totals.peakDemandPerSec / (target * input.capacityPerReplicaPerSec)));
  const fixedFleetReplicaHours = (fixedFleetReplicas * durationSec) / 3600;
  const spike = episodes.reduce<OverloadEpisode | undefined>(
    (best, e) => (!best || (e.durationSec ?? Infinity) > (best.durationSec ?? Infinity) ? e : best),
    undefined,
  );
  const v: AutoscaleVerdicts = {
    ...(spike ? { spike } : {}),
    episodes,
    absorbed: episodes.every((e) => e.absorbedSec !== undefined),
    peakBacklog: Math.max(0, ...ticks.map((t) => t.backlog), ...episodes.map((e) => e.peakBacklog)),
    rejected: ticks.reduce((s, t) => s + t.rejected, 0),
    arrivals: totals.arrivals,
    scaleUps: ticks.filter((t) => t.action === 'up').length,
    scaleDowns: ticks.filter((t) => t.action === 'down').length,
    flaps: findFlaps(ticks, flapWindowSec),
    flapWindowSec,
    peakReplicas: Math.max(0, ...ticks.map((t) => t.replicas)),
    replicaHours,
    fixedFleetReplicas,
    fixedFleetReplicaHours,
    peakDemandPerSec: totals.peakDemandPerSec,
    warnings: policyWarnings(input, fixedFleetReplicas),
  };
  if (input.hourlyUsd !== undefined) {
    v.costUsd = replicaHours * input.hourlyUsd;
    v.fixedFleetCostUsd = fixedFleetReplicaHours * input.hourlyUsd;
  }
  if (input.slo) {
    v.sloBudgetBurn = totals.arrivals > 0 ? totals.bad / totals.arrivals / (1 - input.slo.objective) : 0;
    v.peakSloBurn = Math.max(0, ...ticks.map((t) => t.sloBurn ?? 0));
  }
  return v;
}
