import type { ShapeSpec } from '../../src/profile/types.js';

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
      stages: [
        { durationMs: 1500, from: 0, to: 50, name: 'ramp-up' },
        { durationMs: 300, from: 50, to: 250, name: 'spike' },
        { durationMs: 1000, from: 250, to: 250, name: 'hold' },
        { durationMs: 0, from: 250, to: 999, name: 'ignored' },
        { durationMs: 800, from: 250, to: 0, name: 'ramp-down' },
      ],
    },
  ],
  ['diurnal', { kind: 'diurnal', min: 5, max: 80, periodMs: 4000, durationMs: 6000, phaseMs: 500 }],
  ['diurnal from zero', { kind: 'diurnal', min: 0, max: 60, periodMs: 3000, durationMs: 3000, phaseMs: 0 }],
];
