import { z } from 'zod';
import { durationField, levelField } from '../util/config-fields.js';
import { defineShape } from './definition.js';
import type { Shape } from './types.js';

/** Parameters of a diurnal cycle (levels req/s or users, times ms). */
export interface DiurnalParams {
  min: number;
  max: number;
  periodMs: number;
  durationMs: number;
  phaseMs: number;
}

/** Above this many half-periods the phases collapse into one `diurnal` phase. */
const MAX_PHASES = 1000;

/**
 * A smooth daily cycle (a raised cosine), with P = period, φ = phase:
 *   rate(t)       = min + (max − min)·(1 − cos(2π(t + φ)/P))/2
 *   cumulative(t) = min·t + (max − min)/2 · [t − P/(2π)·(sin(2π(t + φ)/P) − sin(2πφ/P))]
 * At φ = 0 the cycle starts at its trough (min) and peaks at t = P/2.
 * Phases alternate `rising` / `falling`, split at the extremes (t + φ = k·P/2).
 */
export function diurnalShape(p: DiurnalParams): Shape {
  const P = p.periodMs / 1000;
  const phi = p.phaseMs / 1000;
  const T = p.durationMs / 1000;
  const amp = p.max - p.min;
  const w = (2 * Math.PI) / P;
  const sin0 = Math.sin(w * phi);
  const cum = (t: number): number => p.min * t + (amp / 2) * (t - (Math.sin(w * (t + phi)) - sin0) / w);
  const total = cum(T);
  return {
    durationSec: T,
    phases: diurnalPhases(P, phi, T),
    rate(tSec: number): number {
      if (tSec < 0 || tSec > T) return 0;
      return p.min + (amp * (1 - Math.cos(w * (tSec + phi)))) / 2;
    },
    cumulative(tSec: number): number {
      if (tSec <= 0) return 0;
      if (tSec >= T) return total;
      return cum(tSec);
    },
  };
}

function diurnalPhases(P: number, phi: number, T: number): Array<{ name: string; startSec: number; endSec: number }> {
  const half = P / 2;
  if (!(T > 0)) return [];
  if (T / half > MAX_PHASES) return [{ name: 'diurnal', startSec: 0, endSec: T }];
  const out: Array<{ name: string; startSec: number; endSec: number }> = [];
  // Half-period index of t: k = floor((t + φ)/(P/2)); even k rising, odd k falling.
  let k = Math.floor(phi / half);
  let start = 0;
  while (start < T) {
    const end = Math.min(T, (k + 1) * half - phi);
    if (end > start) out.push({ name: k % 2 === 0 ? 'rising' : 'falling', startSec: start, endSec: end });
    start = end;
    k++;
  }
  return out;
}

/** `shape: { type: diurnal, min, max, period, duration? (= period), phase? (0) }`. */
export const diurnal = defineShape({
  type: 'diurnal',
  schema: z.strictObject({
    type: z.literal('diurnal'),
    min: levelField(),
    max: levelField(),
    period: durationField({ positive: true }),
    duration: durationField({ positive: true }).optional(),
    phase: durationField().optional(),
  }),
  levelKeys: ['min', 'max'],
  check(shape, { add }) {
    if (typeof shape.min === 'number' && typeof shape.max === 'number' && shape.min > shape.max) {
      add(['min'], `must be ≤ max (got min ${shape.min} > max ${shape.max})`);
    }
  },
  normalise: (s, scale) => ({
    kind: 'diurnal',
    min: s.min,
    max: s.max,
    periodMs: s.period * scale,
    durationMs: (s.duration ?? s.period) * scale,
    phaseMs: (s.phase ?? 0) * scale,
  }),
  build: (spec) => diurnalShape(spec),
  scaleLevels: (spec, f) => ({ ...spec, min: f(spec.min), max: f(spec.max) }),
});
