import { describe, expect, it } from 'vitest';
import { chaosWindows, parseChaosSchedule } from '../../src/chaos/schedule.js';
import { CHAOS_OFF } from '../../src/chaos/config.js';

describe('parseChaosSchedule', () => {
  it('accepts the issue example and builds its window', () => {
    const r = parseChaosSchedule([{ at: '10s', errorRate: '10%' }, { at: '25s', off: true }]);
    expect(r.issues).toEqual([]);
    expect(r.steps).toEqual([
      { atSec: 10, patch: { errorRate: '10%' } },
      { atSec: 25, patch: { off: true } },
    ]);
    expect(chaosWindows(r.steps, 40)).toEqual([{ fromSec: 10, toSec: 25, config: { ...CHAOS_OFF, errorRate: 0.1 } }]);
  });

  it('windows: a change while on splits the window; no off runs to the end; steps after the end are ignored', () => {
    const { steps } = parseChaosSchedule([
      { at: 5, errorRate: 0.1 },
      { at: 8, slowRate: 0.5, slowMinMs: 10, slowMaxMs: 20 },
      { at: 12, errorRate: 0, slowRate: 0 },
      { at: 20, resetRate: 0.01 },
      { at: 99, off: true },
    ]);
    expect(chaosWindows(steps, 30).map((w) => [w.fromSec, w.toSec])).toEqual([
      [5, 8],
      [8, 12],
      [20, 30],
    ]);
  });

  it('reports every problem with its path', () => {
    const r = parseChaosSchedule([{ errorRate: 2 }, { at: '5s', bogus: 1 }, { at: '3s', off: true }, 'x', { at: '9s' }]);
    expect(r.steps).toEqual([]);
    expect(r.issues).toEqual([
      { path: 'chaos[0].at', message: 'required: a time into the run such as 10s (got nothing)' },
      { path: 'chaos[0].errorRate', message: 'must be a fraction 0..1 or a percentage such as "10%" (got 2)' },
      { path: 'chaos[1].bogus', message: 'unknown key "bogus"; expected one of off, errorRate, resetRate, slowRate, slowMinMs, slowMaxMs' },
      { path: 'chaos[2].at', message: "must be later than the previous step's 5 s (got 3 s)" },
      { path: 'chaos[3]', message: 'expected a mapping such as { at: 10s, errorRate: 10% }' },
      { path: 'chaos[4]', message: 'a step needs a change: errorRate, resetRate, slowRate, slowMinMs, slowMaxMs or off: true' },
    ]);
    expect(parseChaosSchedule('on').issues[0].path).toBe('chaos');
    expect(parseChaosSchedule(undefined)).toEqual({ steps: [], issues: [] });
  });
});
