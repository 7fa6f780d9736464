/**
 * The exercise's auto-scaler (§17.5.4), exactly as the issue states it. At every tick t:
 *
 *   u = demand / (replicas × capacity)
 *   if u > target       and t − lastScale ≥ upCooldown:   replicas = min(2 × replicas, max)
 *   else if u < target/2 and t − lastScale ≥ downCooldown: replicas = max(⌊replicas / 2⌋, min)
 *
 * lastScale starts at −∞ and moves to t when the count changes. (The exercise's Go snippet also
 * stamps a resize to the same size, at max or min; we do not, since that would hold a scale-up
 * out of `min` behind the up-cooldown for no reason.) Pure: no clock; the caller passes t.
 */
import type { Decision, Observation, ScalingPolicy, SeedPolicyConfig } from './types.js';

/** The seed rule's limits. */
export interface SeedLimits {
  minReplicas: number;
  maxReplicas: number;
}

/** A seed-rule controller (state: the time of the last scaling). */
export function seedPolicy(cfg: SeedPolicyConfig, limits: SeedLimits): ScalingPolicy {
  let lastScaleSec = -Infinity;
  return {
    decide(obs: Observation): Decision {
      const { tSec: t, replicas } = obs;
      const u = obs.demandPerSec / (replicas * obs.capacityPerReplicaPerSec);
      const since = t - lastScaleSec;
      let next = replicas;
      let reason: string;
      if (u > cfg.targetUtilisation) {
        if (since >= cfg.upCooldownSec) {
          next = Math.min(2 * replicas, limits.maxReplicas);
          reason = next > replicas ? 'above target: doubled' : 'above target, at max';
        } else reason = 'above target, up-cooldown';
      } else if (u < 0.5 * cfg.targetUtilisation) {
        if (since >= cfg.downCooldownSec) {
          next = Math.max(Math.floor(replicas / 2), limits.minReplicas);
          reason = next < replicas ? 'below half the target: halved' : 'below half the target, at min';
        } else reason = 'below half the target, down-cooldown';
      } else reason = 'within band';
      if (next !== replicas) lastScaleSec = t;
      return { replicas: next, metric: u, reason };
    },
  };
}

/** The exercise's rule of thumb: scale down at least 5× more slowly than up. A warning when broken, else undefined. */
export function cooldownWarning(upCooldownSec: number, downCooldownSec: number): string | undefined {
  if (downCooldownSec >= 5 * upCooldownSec) return undefined;
  return `the down-cooldown (${downCooldownSec} s) is less than 5 × the up-cooldown (${upCooldownSec} s); the exercise asks for scale-down at least 5× slower, or the fleet may oscillate`;
}
