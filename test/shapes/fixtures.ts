import type { ShapeSpec, Stage } from '../../src/profile/types.js';

/** A stage in one line: duration (ms), levels, phase name. */
export const stage = (durationMs: number, from: number, to: number, name: string): Stage => ({ durationMs, from, to, name });

/** Exercise 17.4.2: 0→1000 users in 5 min, →5000 in 30 s, 5000 for 10 min, →0 in 2 min. */
export const GUIDE_SPIKE_STAGES: Stage[] = [
  stage(300_000, 0, 1000, 'ramp-up'),
  stage(30_000, 1000, 5000, 'spike'),
  stage(600_000, 5000, 5000, 'steady'),
  stage(120_000, 5000, 0, 'ramp-down'),
];

/** One spec of every kind, small enough for exact arrival enumeration in tests. */
export const SPECS: Array<[string, ShapeSpec]> = [
  ['steady', { kind: 'steady', level: 37.5, durationMs: 4000 }],
  ['ramp up', { kind: 'ramp', from: 0, to: 120, durationMs: 3000 }],
  ['ramp down', { kind: 'ramp', from: 90, to: 3, durationMs: 2500 }],
  ['step', { kind: 'step', from: 10, to: 70, steps: 4, stepDurationMs: 700 }],
  ['spike', { kind: 'spike', base: 20, peak: 200, beforeMs: 1000, riseMs: 250, holdMs: 500, fallMs: 250, afterMs: 1000 }],
  [
    'stages',
    {
      kind: 'stages',
      stages: [stage(1500, 0, 50, 'ramp-up'), stage(300, 50, 250, 'spike'), stage(1000, 250, 250, 'hold'), stage(0, 250, 999, 'ignored'), stage(800, 250, 0, 'ramp-down')],
    },
  ],
  ['diurnal', { kind: 'diurnal', min: 5, max: 80, periodMs: 4000, durationMs: 6000, phaseMs: 500 }],
  ['diurnal from zero', { kind: 'diurnal', min: 0, max: 60, periodMs: 3000, durationMs: 3000, phaseMs: 0 }],
];
