/**
 * `capplan autoscale --compare RESULT.json`: replay a live auto-scaled run (`demo --autoscale`)
 * through the simulator with the same seed rule, and set the simulated replicas beside the
 * measured workers. Pure.
 *
 * The live scaler decides at tick k on the offered rate it measured over the tick before; so the
 * replayed demand holds that rate over [t_k, t_{k+1}), and the simulator decides on the same
 * number at the same tick (t_k = k × tick: the live ticks' timer jitter is not replayed).
 *   error_k = simulated_k − measured_k;  MAE = mean |error_k|;  agreement = share of ticks with error 0
 */
import { stagesShape } from '../../shapes/stages.js';
import { simulateAutoscaling } from './simulate.js';
import type { AutoscaleResult, PoolScalerConfig } from './types.js';
import { maxOf } from '../../util/extrema.js';

/** One live tick as the target recorded it. */
export interface MeasuredTick {
  tSec: number;
  workers: number;
  utilisation: number;
  demandPerSec: number;
}

/** The live auto-scaler's settings and the mean service time, ms (one worker serves 1000 / serviceTimeMs req/s). */
export type MeasuredScaler = PoolScalerConfig & { serviceTimeMs: number };

/** Simulated against measured. */
export interface AutoscaleComparison {
  simulation: AutoscaleResult;
  rows: Array<{ tSec: number; demand: number; measured: number; simulated: number; error: number }>;
  /** Mean absolute error in workers. */
  meanAbsError: number;
  maxAbsError: number;
  /** Fraction of ticks where simulated = measured. */
  agreement: number;
  peakMeasured: number;
  peakSimulated: number;
  firstScaleUpMeasuredSec?: number;
  firstScaleUpSimulatedSec?: number;
}

/** Replay and compare (method in the module comment). Needs at least one tick. */
export function compareWithMeasured(ticks: readonly MeasuredTick[], s: MeasuredScaler): AutoscaleComparison {
  if (ticks.length === 0) throw new RangeError('no live ticks to compare');
  const demand = stagesShape(ticks.map((t) => ({ durationMs: s.tickSec * 1000, from: t.demandPerSec, to: t.demandPerSec, name: 'replay' })));
  const simulation = simulateAutoscaling({
    demand,
    capacityPerReplicaPerSec: 1000 / s.serviceTimeMs,
    tickSec: s.tickSec,
    minReplicas: s.minWorkers,
    maxReplicas: s.maxWorkers,
    initialReplicas: s.minWorkers,
    readyDelaySec: 0,
    policy: { kind: 'seed', targetUtilisation: s.targetUtilisation, upCooldownSec: s.upCooldownSec, downCooldownSec: s.downCooldownSec },
  });
  const rows = ticks.map((t, k) => {
    const simulated = simulation.ticks[k]?.replicas ?? simulation.ticks[simulation.ticks.length - 1].replicas;
    return { tSec: t.tSec, demand: t.demandPerSec, measured: t.workers, simulated, error: simulated - t.workers };
  });
  const abs = rows.map((r) => Math.abs(r.error));
  // First tick whose size is above the one before it (the size before tick 0 is min).
  const firstUp = (xs: number[]): number | undefined => {
    const i = xs.findIndex((x, k) => x > (k === 0 ? s.minWorkers : xs[k - 1]));
    return i < 0 ? undefined : rows[i].tSec;
  };
  const upMeasured = firstUp(rows.map((r) => r.measured));
  const upSimulated = firstUp(rows.map((r) => r.simulated));
  return {
    simulation,
    rows,
    meanAbsError: abs.reduce((a, b) => a + b, 0) / abs.length,
    maxAbsError: maxOf(abs),
    agreement: abs.filter((e) => e === 0).length / abs.length,
    peakMeasured: maxOf(rows.map((r) => r.measured)),
    peakSimulated: maxOf(rows.map((r) => r.simulated)),
    ...(upMeasured !== undefined ? { firstScaleUpMeasuredSec: upMeasured } : {}),
    ...(upSimulated !== undefined ? { firstScaleUpSimulatedSec: upSimulated } : {}),
  };
}
