/**
 * The Kubernetes HorizontalPodAutoscaler v2 controller, one sync at a time. Pure: no clock; the
 * caller passes the sync time. Follows the documented algorithm and the controller's normalisation:
 *
 * 1. Recommendation (replica calculator), from the ratio r = utilisation of the ready pods / target:
 *      no not-ready pods, or r ≤ 1:  |1 − r| within the tolerance → current; else ⌈r × ready⌉
 *      not-ready pods and r > 1:     they count as 0 %: r' = r × ready / current;
 *                                    r' within the tolerance or r' < 1 (direction reversed) → current;
 *                                    else ⌈r' × current⌉ (never below current)
 * 2. Stabilisation over the raw recommendations R(s) recorded at syncs s in (t − window, t]:
 *      up = min(desired, R within the scale-up window),  down = max(desired, R within the scale-down window)
 *      stabilised = clamp(current, up, down)   (raise to `up`, lower to `down`)
 * 3. Rate limits over the scale events of each policy's period (events at s > t − period):
 *      periodStart = current − added + removed
 *      up limit:   Pods → periodStart + value;  Percent → ⌈periodStart × (1 + value/100)⌉
 *      down limit: Pods → periodStart − value;  Percent → ⌊periodStart × (1 − value/100)⌋
 *      selectPolicy Max takes the largest change (max of up limits, min of down limits), Min the
 *      smallest, Disabled keeps the current count. The limit never goes past current, and
 *      min/max replicas bound the result in the direction of the change.
 */
import { clean } from '../burn-rate.js';
import { ceilClean } from '../spike-backlog.js';
import type { HpaBehavior, HpaScalingRules } from './hpa-behavior.js';
import type { Decision, Observation, ScalingPolicy } from './types.js';

/** Replica limits of the HPA (`minReplicas`, `maxReplicas`). */
export interface HpaLimits {
  minReplicas: number;
  maxReplicas: number;
}

/** Step 1: the replica calculator's recommendation (formulas in the module comment). */
export function hpaRecommendation(
  current: number,
  ready: number,
  utilisation: number,
  target: number,
  tolerance: { up: number; down: number },
): number {
  if (ready <= 0) return current; // no metrics: the controller cannot compute a count and keeps it
  // Compared after dropping float noise: 0.77 / 0.7 is 1.1000000000000003, exactly the tolerance.
  const within = (r: number): boolean => (r > 1 ? clean(r - 1) <= tolerance.up : clean(1 - r) <= tolerance.down);
  const ratio = utilisation / target;
  if (ready < current && ratio > 1) {
    const adjusted = (ratio * ready) / current;
    if (within(adjusted) || adjusted < 1) return current;
    return Math.max(current, ceilClean(adjusted * current));
  }
  if (within(ratio)) return current;
  return ceilClean(ratio * ready);
}

interface Stamped {
  tSec: number;
  value: number;
}

/** Sum of the events recorded after t − period. */
function changeInPeriod(events: readonly Stamped[], tSec: number, periodSec: number): number {
  return events.filter((e) => e.tSec > tSec - periodSec).reduce((s, e) => s + e.value, 0);
}

/** Step 3, up: the highest count the scale-up policies allow now. */
export function scaleUpLimit(current: number, rules: HpaScalingRules, added: (periodSec: number) => number, removed: (periodSec: number) => number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((p) => {
    const start = current - added(p.periodSeconds) + removed(p.periodSeconds);
    // ⌈⌉ so that a small fleet can always grow (the controller's own rounding).
    return p.type === 'Pods' ? start + p.value : ceilClean(start * (1 + p.value / 100));
  });
  return rules.selectPolicy === 'Min' ? Math.min(...proposals) : Math.max(...proposals);
}

/** Step 3, down: the lowest count the scale-down policies allow now. */
export function scaleDownLimit(current: number, rules: HpaScalingRules, added: (periodSec: number) => number, removed: (periodSec: number) => number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((p) => {
    const start = current - added(p.periodSeconds) + removed(p.periodSeconds);
    // Truncation, as the controller's int32 conversion: 10 % of 72 removes 8 (72 × 0.9 = 64.8 → 64).
    return p.type === 'Pods' ? start - p.value : Math.floor(Number((start * (1 - p.value / 100)).toPrecision(12)));
  });
  return rules.selectPolicy === 'Min' ? Math.max(...proposals) : Math.min(...proposals);
}

/** The HPA controller (state: recommendations and scale events), one `decide` per sync. */
export function hpaPolicy(targetUtilisation: number, behavior: HpaBehavior, limits: HpaLimits): ScalingPolicy {
  const recommendations: Stamped[] = [];
  const upEvents: Stamped[] = [];
  const downEvents: Stamped[] = [];
  const tolerance = { up: behavior.scaleUp.tolerance, down: behavior.scaleDown.tolerance };
  return {
    decide(obs: Observation): Decision {
      const { tSec: t, replicas: current, readyReplicas: ready } = obs;
      const u = ready > 0 ? obs.demandPerSec / (ready * obs.capacityPerReplicaPerSec) : NaN;
      if (current > limits.maxReplicas) return { replicas: limits.maxReplicas, metric: u, reason: 'above maxReplicas' };
      if (current < limits.minReplicas) return { replicas: limits.minReplicas, metric: u, reason: 'below minReplicas' };
      const raw = ready > 0 ? hpaRecommendation(current, ready, u, targetUtilisation, tolerance) : current;

      // Step 2: stabilisation.
      const inWindow = (w: number): number[] => recommendations.filter((r) => r.tSec > t - w).map((r) => r.value);
      const up = Math.min(raw, ...inWindow(behavior.scaleUp.stabilizationWindowSeconds));
      const down = Math.max(raw, ...inWindow(behavior.scaleDown.stabilizationWindowSeconds));
      recommendations.push({ tSec: t, value: raw });
      let desired = current;
      if (desired < up) desired = up;
      if (desired > down) desired = down;

      // Step 3: rate limits and min/max in the direction of the change.
      const added = (p: number): number => changeInPeriod(upEvents, t, p);
      const removed = (p: number): number => changeInPeriod(downEvents, t, p);
      let next = desired;
      let reason = raw === current ? 'within tolerance' : desired === current ? 'stabilised' : 'recommended';
      if (desired > current) {
        const allowed = Math.min(limits.maxReplicas, Math.max(current, scaleUpLimit(current, behavior.scaleUp, added, removed)));
        if (desired > allowed) {
          next = allowed;
          reason = allowed === limits.maxReplicas ? 'at maxReplicas' : 'scale-up limited by policy';
        }
      } else if (desired < current) {
        const allowed = Math.max(limits.minReplicas, Math.min(current, scaleDownLimit(current, behavior.scaleDown, added, removed)));
        if (desired < allowed) {
          next = allowed;
          reason = allowed === limits.minReplicas ? 'at minReplicas' : 'scale-down limited by policy';
        }
      }
      if (next > current) upEvents.push({ tSec: t, value: next - current });
      if (next < current) downEvents.push({ tSec: t, value: current - next });
      return { replicas: next, metric: u, reason };
    },
  };
}
