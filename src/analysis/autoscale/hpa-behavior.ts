/**
 * The Kubernetes HPA v2 `behavior:` block: types, the documented defaults and how a partial block
 * is completed (fields you leave out take the default for that direction, as the API server does).
 *
 * Defaults (Kubernetes documentation, "Default Behavior"):
 *   scaleUp:   stabilizationWindowSeconds 0,   policies Percent 100 / 15 s and Pods 4 / 15 s, selectPolicy Max
 *   scaleDown: stabilizationWindowSeconds 300, policies Percent 100 / 15 s,                    selectPolicy Max
 *   tolerance: 0.1 in both directions (the cluster-wide default; `tolerance` per direction since v1.33)
 */

/** One scaling policy: change at most `value` pods (or `value` % of them) per `periodSeconds`. */
export interface HpaScalingPolicy {
  type: 'Pods' | 'Percent';
  /** Pods or percent (> 0). */
  value: number;
  /** Window the policy looks back over, seconds (1..1800). */
  periodSeconds: number;
}

/** Rules for one direction. */
export interface HpaScalingRules {
  /** Past recommendations considered, seconds (0..3600). */
  stabilizationWindowSeconds: number;
  /** Max: the policy allowing the largest change; Min: the smallest; Disabled: never scale this way. */
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HpaScalingPolicy[];
  /** Ratio distance from 1 within which nothing changes (0.1 = 10 %). */
  tolerance: number;
}

/** A complete behaviour (every default filled in). */
export interface HpaBehavior {
  scaleUp: HpaScalingRules;
  scaleDown: HpaScalingRules;
}

/** A behaviour as written by a user: every field optional. */
export interface HpaBehaviorSpec {
  scaleUp?: Partial<HpaScalingRules>;
  scaleDown?: Partial<HpaScalingRules>;
}

/** The cluster-wide default tolerance (`--horizontal-pod-autoscaler-tolerance`). */
export const DEFAULT_TOLERANCE = 0.1;

/** The HPA sync period (`--horizontal-pod-autoscaler-sync-period`), seconds. */
export const HPA_SYNC_PERIOD_SEC = 15;

/** The documented default behaviour. */
export const DEFAULT_BEHAVIOR: HpaBehavior = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Percent', value: 100, periodSeconds: 15 },
      { type: 'Pods', value: 4, periodSeconds: 15 },
    ],
    tolerance: DEFAULT_TOLERANCE,
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    tolerance: DEFAULT_TOLERANCE,
  },
};

/** Complete a user's behaviour with the defaults, direction by direction and field by field. */
export function resolveBehavior(spec: HpaBehaviorSpec = {}): HpaBehavior {
  const fill = (given: Partial<HpaScalingRules> | undefined, d: HpaScalingRules): HpaScalingRules => ({
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? d.stabilizationWindowSeconds,
    selectPolicy: given?.selectPolicy ?? d.selectPolicy,
    policies: (given?.policies ?? d.policies).map((p) => ({ ...p })),
    tolerance: given?.tolerance ?? d.tolerance,
  });
  return { scaleUp: fill(spec.scaleUp, DEFAULT_BEHAVIOR.scaleUp), scaleDown: fill(spec.scaleDown, DEFAULT_BEHAVIOR.scaleDown) };
}
