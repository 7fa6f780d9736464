/**
 * Types shared by the auto-scaling simulator (`capplan autoscale`): the demand, the policy
 * configurations, the per-tick records and the verdicts. Pure data, no behaviour.
 */
import type { HpaBehavior } from './hpa-behavior.js';

/** Demand over time: the rate in req/s and its integral (a Shape satisfies this). */
export interface Demand {
  /** Length of the series, seconds. */
  readonly durationSec: number;
  /** Arrival rate at `tSec`, requests per second. */
  rate(tSec: number): number;
  /** ∫₀ᵗ rate(u) du: arrivals by `tSec`. */
  cumulative(tSec: number): number;
}

/** The exercise's rule (§17.5.4): double on high utilisation, halve on low, each behind a cooldown. */
export interface SeedPolicyConfig {
  kind: 'seed';
  /** Target utilisation as a fraction (0.7 = 70 %). */
  targetUtilisation: number;
  /** Minimum time since the last scaling before scaling up, seconds. */
  upCooldownSec: number;
  /** Minimum time since the last scaling before scaling down, seconds. */
  downCooldownSec: number;
}

/** The seed rule driving a live worker pool (`capplan target --autoscale`), as recorded in a result. */
export interface PoolScalerConfig {
  minWorkers: number;
  maxWorkers: number;
  /** Target utilisation, a fraction. */
  targetUtilisation: number;
  upCooldownSec: number;
  downCooldownSec: number;
  /** Decision and sampling period, seconds. */
  tickSec: number;
}

/** The Kubernetes HPA v2 controller with a `behavior:` block. */
export interface HpaPolicyConfig {
  kind: 'hpa';
  /** Target utilisation as a fraction (averageUtilization 70 → 0.7). */
  targetUtilisation: number;
  /** Behaviour with every default filled in ({@link resolveBehavior}). */
  behavior: HpaBehavior;
}

export type PolicyConfig = SeedPolicyConfig | HpaPolicyConfig;

/** What a policy sees at a decision time. */
export interface Observation {
  tSec: number;
  /** Replicas that exist (serving or starting). */
  replicas: number;
  /** Replicas that have finished starting and serve traffic. */
  readyReplicas: number;
  /** Arrival rate at `tSec`, requests per second. */
  demandPerSec: number;
  /** Requests per second one replica serves at full utilisation. */
  capacityPerReplicaPerSec: number;
}

/** A policy's answer: the replica count from now on, and why. */
export interface Decision {
  replicas: number;
  /** The metric the policy compared with its target (a utilisation fraction). */
  metric: number;
  /** One short phrase: "u 1.2 > 0.7, doubled", "within tolerance", "cooldown". */
  reason: string;
}

/** A scaling policy as a stateful, clock-free object: one `decide` per tick, in time order. */
export interface ScalingPolicy {
  decide(obs: Observation): Decision;
}

/** SLO for the burn computation: a request is good when answered within `latencySec`. */
export interface LatencySlo {
  /** Latency threshold, seconds. */
  latencySec: number;
  /** Objective as a fraction in (0, 1), e.g. 0.99. */
  objective: number;
}

/** Everything {@link simulateAutoscaling} needs. */
export interface AutoscaleInput {
  demand: Demand;
  /** Requests per second one replica serves (> 0). */
  capacityPerReplicaPerSec: number;
  /** Decision period (the seed rule's tick, the HPA sync period), seconds (> 0). */
  tickSec: number;
  minReplicas: number;
  maxReplicas: number;
  /** Replicas at t = 0, all ready; default minReplicas. */
  initialReplicas?: number;
  /** Time from a replica's creation until it serves, seconds (≥ 0). */
  readyDelaySec: number;
  policy: PolicyConfig;
  /** Queue bound per ready replica, requests; arrivals beyond it are rejected. Unbounded when absent. */
  queuePerReplica?: number;
  /** Mean service time of one request, seconds; default 1 / capacity (one server per replica). */
  serviceTimeSec?: number;
  slo?: LatencySlo;
  /** Price of one replica-hour, USD (from the fleet file). */
  hourlyUsd?: number;
  /** Window for flapping: two direction reversals within it flap; default 300 s. */
  flapWindowSec?: number;
}

/** One decision period. */
export interface Tick {
  /** Start of the tick (the decision time), seconds since the start. */
  tSec: number;
  /** Mean arrival rate over the tick, req/s. */
  demand: number;
  /** Replicas after the decision, serving or starting, until the next tick. */
  replicas: number;
  /** Replicas ready at the start of the tick. */
  readyReplicas: number;
  /** 'up', 'down' or 'hold'. */
  action: 'up' | 'down' | 'hold';
  /** The metric the policy compared with its target at `tSec`. */
  metric: number;
  reason: string;
  /** Busy fraction of the ready capacity over the tick (served / capacity), 0..1. */
  utilisation: number;
  /** Requests waiting at the end of the tick. */
  backlog: number;
  /** Requests rejected by the queue bound during the tick. */
  rejected: number;
  /** Predicted mean response time at the end of the tick, seconds (Infinity with nothing ready). */
  latencySec: number;
  /** Bad fraction / (1 − objective) over the tick; only with an SLO. */
  sloBurn?: number;
  /** replicas × tick / 3600 × hourlyUsd; only with a price. */
  costUsd?: number;
}

/** A stretch during which requests queued or were rejected. */
export interface OverloadEpisode {
  /** When arrivals first outran the ready capacity, seconds. */
  startSec: number;
  /** When the backlog was back to zero, seconds; undefined when it never was. */
  absorbedSec?: number;
  /** absorbedSec − startSec; undefined when never absorbed. */
  durationSec?: number;
  peakBacklog: number;
  rejected: number;
}

/** The simulation's verdicts. */
export interface AutoscaleVerdicts {
  /** Longest overload episode (the spike), if any. */
  spike?: OverloadEpisode;
  /** Every overload episode, in time order. */
  episodes: OverloadEpisode[];
  /** True when every episode ended with the backlog drained. */
  absorbed: boolean;
  peakBacklog: number;
  /** Requests rejected over the run. */
  rejected: number;
  /** Arrivals over the run. */
  arrivals: number;
  scaleUps: number;
  scaleDowns: number;
  /** Pairs of consecutive direction reversals within the flap window (up→down→up or down→up→down). */
  flaps: Array<{ startSec: number; endSec: number }>;
  flapWindowSec: number;
  peakReplicas: number;
  /** Σ replicas × tick / 3600. */
  replicaHours: number;
  /** Replicas a fixed fleet needs for the peak demand at the target utilisation: ⌈peak / (target × capacity)⌉ ≥ min. */
  fixedFleetReplicas: number;
  /** fixedFleetReplicas × duration / 3600. */
  fixedFleetReplicaHours: number;
  peakDemandPerSec: number;
  costUsd?: number;
  fixedFleetCostUsd?: number;
  /** Fraction of the error budget the run consumed (bad / arrivals / (1 − objective)); only with an SLO. */
  sloBudgetBurn?: number;
  peakSloBurn?: number;
  /** Human-readable warnings (the exercise's 5× cooldown rule, …). */
  warnings: string[];
}

/** The answer of {@link simulateAutoscaling}. */
export interface AutoscaleResult {
  policy: PolicyConfig;
  tickSec: number;
  durationSec: number;
  capacityPerReplicaPerSec: number;
  serviceTimeSec: number;
  minReplicas: number;
  maxReplicas: number;
  readyDelaySec: number;
  queuePerReplica?: number;
  ticks: Tick[];
  verdicts: AutoscaleVerdicts;
}
