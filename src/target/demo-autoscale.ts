/**
 * `capplan demo --autoscale`: the live auto-scaler's ticks beside the load, and its response to
 * the spike. Pure: takes the result and the target's samples (times already on the run's clock).
 *
 *   reaction      = first scale-up at or after the spike phase starts − the spike's start
 *   settled       = first tick after the last scale-up of the spike phase (workers stop growing)
 */
import type { DocSection } from '../render/document.js';
import type { ResultFile } from '../results/types.js';
import type { TargetAutoscaleConfig } from './autoscale-spec.js';
import type { PoolAutoscaleSample } from './pool-autoscaler.js';
import { formatSeconds } from '../render/format.js';
import { maxOf } from '../util/extrema.js';
import { plural } from '../util/plural.js';

/** What a result file carries under `autoscale` after `demo --autoscale` (unknown keys are allowed in result files). */
export interface ResultAutoscale {
  config: TargetAutoscaleConfig;
  /** Mean service time the rule divides by (the target's default), ms. */
  serviceTimeMs: number;
  /** Ticks with tSec on the run's clock (seconds since the run started; negative before it). */
  samples: PoolAutoscaleSample[];
}

/** How the auto-scaler answered the spike. */
export interface SpikeResponse {
  spikeStartSec: number;
  /** First scale-up at or after the spike's start, seconds on the run's clock. */
  firstScaleUpSec?: number;
  reactionSec?: number;
  peakWorkers: number;
  /** When the workers first reached their peak. */
  peakWorkersSec?: number;
  scaleUps: number;
  /** Scale-ups before the spike started (during the ramp). */
  scaleUpsBeforeSpike: number;
  scaleDowns: number;
}

/** The response to the phase named `spike` (or the first phase when there is none). */
export function spikeResponse(result: ResultFile, samples: readonly PoolAutoscaleSample[]): SpikeResponse {
  const phases = result.run.phases;
  const spike = phases.find((p) => p.name === 'spike') ?? phases[0];
  const start = spike?.startSec ?? 0;
  const up = samples.find((s) => s.tSec >= start && s.action === 'up');
  const peak = Math.max(0, maxOf(samples.map((s) => s.workers)));
  const atPeak = samples.find((s) => s.workers === peak);
  return {
    spikeStartSec: start,
    ...(up ? { firstScaleUpSec: up.tSec, reactionSec: up.tSec - start } : {}),
    peakWorkers: peak,
    ...(atPeak ? { peakWorkersSec: atPeak.tSec } : {}),
    scaleUps: samples.filter((s) => s.action === 'up').length,
    scaleUpsBeforeSpike: samples.filter((s) => s.action === 'up' && s.tSec < start).length,
    scaleDowns: samples.filter((s) => s.action === 'down').length,
  };
}

/** Workers against load, one row per `everySec` seconds of the run. */
export function workersTimeline(result: ResultFile, samples: readonly PoolAutoscaleSample[], everySec = 3): DocSection {
  const r = spikeResponse(result, samples);
  const rows = result.intervals
    .filter((iv) => iv.t % everySec === 0)
    .map((iv) => {
      const eps = Object.values(iv.endpoints);
      const completed = eps.reduce((s, e) => s + e.completed, 0);
      const rejected = eps.reduce((s, e) => s + e.backpressure, 0);
      // The last tick that ended within this second.
      const tick = [...samples].reverse().find((s) => s.tSec <= iv.t + 1);
      return [`${iv.t} s`, iv.activeUsers || iv.targetLevel, completed, rejected, tick?.workers ?? '', tick ? `${Math.round(tick.utilisation * 100)}%` : '', tick ? Math.round(tick.demandPerSec) : ''];
    });
  return {
    heading: 'Workers against load (the live auto-scaler)',
    notes: [
      `spike starts at ${formatSeconds(r.spikeStartSec)} s` +
        (r.scaleUpsBeforeSpike > 0 ? ` (${plural(r.scaleUpsBeforeSpike, 'scale-up')} before it, during the ramp)` : '') +
        '; ' +
        (r.firstScaleUpSec !== undefined ? `first scale-up after it started at ${formatSeconds(r.firstScaleUpSec)} s (${formatSeconds(r.reactionSec!)} s later)` : 'no scale-up during the spike') +
        `; peak ${r.peakWorkers} workers${r.peakWorkersSec !== undefined ? ` from ${formatSeconds(r.peakWorkersSec)} s (${formatSeconds(r.peakWorkersSec - r.spikeStartSec)} s after the spike started)` : ''}; ${plural(r.scaleUps, 'scale-up')}, ${plural(r.scaleDowns, 'scale-down')} in all`,
      'workers, busy % and offered req/s are the target’s own tick at the end of each second',
    ],
    table: { columns: ['t', 'users or level', 'completed', '429s', 'workers', 'busy', 'offered req/s'], rows },
  };
}

