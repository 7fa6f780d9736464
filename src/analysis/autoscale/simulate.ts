/**
 * `capplan autoscale`: replay a demand series through an auto-scaling policy and a fluid queue.
 * Pure: typed input, typed answer, no clock or I/O.
 *
 * Timeline of tick k (t = k × tick):
 *   1. the policy observes the demand rate at t, the replicas and the ready replicas, and decides;
 *   2. the fleet is resized: new replicas serve from t + readyDelay, removals take the youngest;
 *   3. over [t, t + tick) the ready replicas serve the arrivals through a fluid queue (steps ≤ 1 s,
 *      split where a replica becomes ready), with an optional bound of queuePerReplica × ready.
 * Per tick it records demand, replicas, ready replicas, utilisation, backlog, rejected, predicted
 * latency (M/M/c by Erlang C over the ready servers, or S + backlog / ready capacity while a backlog
 * waits), SLO burn and cost; then the verdicts are drawn from the ticks (see verdicts.ts).
 */
import { mmc, serviceLevel } from '../erlang.js';
import { fluidStep } from './fluid-queue.js';
import { initialFleet, readyAt, resizeFleet, type Fleet } from './fleet-state.js';
import { hpaPolicy } from './hpa-controller.js';
import { seedPolicy } from './seed-policy.js';
import type { AutoscaleInput, AutoscaleResult, OverloadEpisode, ScalingPolicy, Tick } from './types.js';
import { drawVerdicts } from './verdicts.js';

/** Backlogs below this many requests are float noise, not a queue. */
const EPS = 1e-6;

/** The controller for a policy configuration. */
export function makePolicy(input: Pick<AutoscaleInput, 'policy' | 'minReplicas' | 'maxReplicas'>): ScalingPolicy {
  const limits = { minReplicas: input.minReplicas, maxReplicas: input.maxReplicas };
  return input.policy.kind === 'seed' ? seedPolicy(input.policy, limits) : hpaPolicy(input.policy.targetUtilisation, input.policy.behavior, limits);
}

/** Step boundaries in [start, end): every second and every time a replica becomes ready. */
function stepBoundaries(startSec: number, endSec: number, fleet: Fleet): number[] {
  const points = new Set<number>([startSec, endSec]);
  for (let s = Math.floor(startSec) + 1; s < endSec; s++) points.add(s);
  for (const r of fleet.readyAtSec) if (r > startSec && r < endSec) points.add(r);
  return [...points].sort((a, b) => a - b);
}

/** Simulate the policy over the demand (timeline in the module comment). */
export function simulateAutoscaling(input: AutoscaleInput): AutoscaleResult {
  const { demand, tickSec, readyDelaySec } = input;
  const cap = input.capacityPerReplicaPerSec;
  const serviceTimeSec = input.serviceTimeSec ?? 1 / cap;
  // Servers per replica: a replica serving `cap` req/s with service time S runs cap × S requests at once.
  const serversPerReplica = Math.max(1, Math.round(cap * serviceTimeSec));
  const policy = makePolicy(input);
  let fleet = initialFleet(input.initialReplicas ?? input.minReplicas);
  let backlog = 0;
  const ticks: Tick[] = [];
  const episodes: OverloadEpisode[] = [];
  let open: OverloadEpisode | undefined;
  let bad = 0;
  let arrivalsTotal = 0;
  let peakRate = 0;

  for (let k = 0; k * tickSec < demand.durationSec; k++) {
    const t = k * tickSec;
    const end = Math.min(t + tickSec, demand.durationSec);
    const before = fleet.readyAtSec.length;
    const ready0 = readyAt(fleet, t);
    const decision = policy.decide({ tSec: t, replicas: before, readyReplicas: ready0, demandPerSec: demand.rate(t), capacityPerReplicaPerSec: cap });
    fleet = resizeFleet(fleet, decision.replicas, t, readyDelaySec);
    const readyStart = readyAt(fleet, t);

    let arrivals = 0;
    let served = 0;
    let capacity = 0;
    let rejected = 0;
    const points = stepBoundaries(t, end, fleet);
    for (let i = 0; i + 1 < points.length; i++) {
      const [s0, s1] = [points[i], points[i + 1]];
      const dt = s1 - s0;
      const ready = readyAt(fleet, s0);
      const a = demand.cumulative(s1) - demand.cumulative(s0);
      const c = ready * cap * dt;
      const bound = input.queuePerReplica === undefined ? Infinity : input.queuePerReplica * ready;
      const b0 = backlog;
      const step = fluidStep(backlog, a, c, bound);
      backlog = step.backlog < EPS ? 0 : step.backlog;
      arrivals += a;
      served += step.served;
      capacity += c;
      rejected += step.rejected;
      peakRate = Math.max(peakRate, a / dt);
      const overloaded = backlog > 0 || step.rejected > EPS;
      if (overloaded && !open) {
        open = { startSec: s0, peakBacklog: 0, rejected: 0 };
        episodes.push(open);
      }
      if (open) {
        open.peakBacklog = Math.max(open.peakBacklog, backlog);
        open.rejected += step.rejected;
        if (!overloaded) {
          // Drained inside the step: the backlog b0 falls at (capacity − arrival) rate, both constant here.
          const drainRate = (c - a) / dt;
          open.absorbedSec = b0 > 0 && drainRate > 0 ? Math.min(s1, s0 + b0 / drainRate) : s1;
          open.durationSec = open.absorbedSec - open.startSec;
          open = undefined;
        }
      }
    }

    const dur = end - t;
    const rate = arrivals / dur;
    const readyEnd = readyAt(fleet, end);
    const latencySec = predictLatency(readyEnd, rate, backlog, cap, serviceTimeSec, serversPerReplica);
    const tick: Tick = {
      tSec: t,
      demand: rate,
      replicas: decision.replicas,
      readyReplicas: readyStart,
      action: decision.replicas > before ? 'up' : decision.replicas < before ? 'down' : 'hold',
      metric: decision.metric,
      reason: decision.reason,
      utilisation: capacity > 0 ? served / capacity : arrivals > 0 ? 1 : 0,
      backlog,
      rejected,
      latencySec,
    };
    if (input.slo) {
      const slow = slowFraction(readyEnd, rate, backlog, cap, serviceTimeSec, serversPerReplica, input.slo.latencySec);
      const badTick = rejected + slow * (arrivals - rejected);
      bad += badTick;
      tick.sloBurn = arrivals > 0 ? badTick / arrivals / (1 - input.slo.objective) : 0;
    }
    if (input.hourlyUsd !== undefined) tick.costUsd = (decision.replicas * dur * input.hourlyUsd) / 3600;
    arrivalsTotal += arrivals;
    ticks.push(tick);
  }

  return {
    policy: input.policy,
    tickSec,
    durationSec: demand.durationSec,
    capacityPerReplicaPerSec: cap,
    serviceTimeSec,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    readyDelaySec,
    ...(input.queuePerReplica !== undefined ? { queuePerReplica: input.queuePerReplica } : {}),
    ticks,
    verdicts: drawVerdicts(input, ticks, episodes, { arrivals: arrivalsTotal, peakDemandPerSec: peakRate, bad }),
  };
}

/**
 * Predicted mean response time, seconds: S + backlog / (ready × capacity) while a backlog waits (the
 * wait of the newest queued request), else the M/M/c mean response W = W_q + S over ready × k servers.
 */
export function predictLatency(ready: number, ratePerSec: number, backlog: number, cap: number, s: number, k: number): number {
  if (ready <= 0) return Infinity;
  if (backlog > 0) return s + backlog / (ready * cap);
  if (ratePerSec <= 0) return s;
  return mmc({ ratePerSec, serviceTimeSec: s, servers: ready * k, quantiles: [] }).meanResponseSec;
}

/**
 * Fraction of served requests slower than the SLO: 1 while a backlog makes S + wait exceed it, else
 * the M/M/c wait tail P(W_q > L − S) = 1 − serviceLevel (the service time taken at its mean).
 */
export function slowFraction(ready: number, ratePerSec: number, backlog: number, cap: number, s: number, k: number, latencySec: number): number {
  if (ready <= 0) return 1;
  if (backlog > 0) return s + backlog / (ready * cap) > latencySec ? 1 : 0;
  if (latencySec < s) return 1;
  if (ratePerSec <= 0) return 0;
  return 1 - serviceLevel(ready * k, ratePerSec * s, s, latencySec - s);
}
